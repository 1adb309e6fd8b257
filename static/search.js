// The search page's own script: Pagefind's interface in the page's language, and the search
// in the page's address, so that it can be shared and the back button steps through it.
//
// The address holds the query as q and each chosen filter value as its own parameter, named
// by the filter's stable key whatever the page's language (?q=warning+notice&authority=Powys);
// the values are as the page's language names them.
const text = document.getElementById("search-text");
const manager = window.PagefindComponents?.getInstanceManager();
if (text && manager) {
  const words = JSON.parse(text.textContent);
  const instance = manager.getInstance("default");
  instance.setTranslations(words.pagefind);
  const filters = Object.entries(words.filters); // [stable key, name in this language]

  const fromAddress = () => {
    const params = new URLSearchParams(window.location.search);
    const chosen = {};
    for (const [key, name] of filters) {
      const values = params.getAll(key);
      if (values.length) chosen[name] = values;
    }
    return { term: params.get("q") || "", chosen };
  };

  const toAddress = (term, chosen) => {
    const params = new URLSearchParams();
    if (term) params.set("q", term);
    for (const [key, name] of filters) {
      for (const value of chosen?.[name] || []) params.append(key, value);
    }
    const query = params.toString();
    return query ? `?${query}` : window.location.pathname;
  };

  let restoring = false;
  const restore = () => {
    const { term, chosen } = fromAddress();
    restoring = true;
    instance.triggerSearchWithFilters(term, chosen);
    restoring = false;
  };

  instance.on("search", (term, chosen) => {
    if (restoring) return;
    const address = toAddress(term, chosen);
    const here = window.location.search || window.location.pathname;
    if (address === here) return;
    // Typing refines one search, and a new filter makes another: only the second is a step
    // that the back button goes back to.
    const before = fromAddress();
    const sameFilters = toAddress("", before.chosen) === toAddress("", chosen);
    const typing = sameFilters && before.term && term;
    window.history[typing ? "replaceState" : "pushState"](null, "", address);
  });
  window.addEventListener("popstate", restore);
  if (window.location.search) restore();
}
