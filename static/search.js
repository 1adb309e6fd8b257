// Pagefind's interface has no Welsh: give it the text the page carries in its own language.
const text = document.getElementById("search-text");
if (text && window.PagefindComponents) {
  window.PagefindComponents.getInstanceManager()
    .getInstance("default")
    .setTranslations(JSON.parse(text.textContent));
}
