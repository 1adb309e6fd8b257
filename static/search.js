// The search page: the record's search index in the page's language, with the query, the
// filters and the order of the results in the page's address, so that a search can be
// shared and the back button steps through searches.
//
// The index is in shards, each a Pagefind bundle of its own (listed in bundles.json); a
// search asks every shard and merges their answers, by score as Pagefind itself does, or by
// date when a date order is chosen (each shard gives its own pages in that order).
//
// The address holds the query as q, each chosen filter value as its own parameter named by
// the filter's stable key whatever the page's language (?q=warning+notice&authority=Powys),
// and the order as sort (?sort=newest); values are as the page's language names them.
const form = document.querySelector("[data-search]");
const text = document.getElementById("search-text");
if (form && text) {
  const { words, filters, orders } = JSON.parse(text.textContent);
  const keys = Object.keys(filters); // stable keys; filters[key] is its name in the index
  const language = document.documentElement.lang;
  const input = form.elements.q;
  const order = form.elements.sort;
  const summary = form.querySelector("[data-summary]");
  const list = form.querySelector("[data-results]");
  const more = form.querySelector("[data-more]");
  const group = (key) => form.querySelector(`[data-filter="${key}"]`);
  const PAGE = 10;

  // The index loads when it is first wanted: at once for a search in the address, and else
  // when the person first turns to the form, so that opening the page costs no more.
  let loading = null;
  const load = () =>
    (loading ??= (async () => {
      const folder = form.dataset.bundles;
      // Asked of the server each time: a new shard must not be missed, nor a gone one asked.
      const response = await fetch(`${folder}bundles.json`, { cache: "no-cache" });
      if (!response.ok) throw new Error(`${folder}bundles.json: ${response.status}`);
      const { bundles: names } = await response.json();
      // Each bundle has its own copy of Pagefind (its pagefind.js), which searches it in a
      // worker of its own: Pagefind 1.5 mixes up indexes that share one worker.
      const shards = await Promise.all(
        names.map(async (name) => {
          const pagefind = await import(`${folder}${name}pagefind.js`);
          await pagefind.options({ basePath: `${folder}${name}`, baseUrl: form.dataset.baseUrl });
          await pagefind.init();
          return pagefind;
        }),
      );
      totals = added(await Promise.all(shards.map((shard) => shard.filters())));
      fillFilters(totals);
      return shards;
    })().catch((error) => {
      loading = null; // the next search tries again
      throw error;
    }));

  // Each shard counts its own pages under each filter value: the counts add up.
  const added = (counts) => {
    const total = {};
    for (const shard of counts) {
      for (const [name, values] of Object.entries(shard || {})) {
        total[name] ??= {};
        for (const [value, count] of Object.entries(values)) {
          total[name][value] = (total[name][value] || 0) + count;
        }
      }
    }
    return total;
  };

  const fillFilters = (counts) => {
    for (const key of keys) {
      const values = Object.keys(counts[filters[key]] || {});
      values.sort((a, b) => (key === "year" ? b.localeCompare(a) : a.localeCompare(b, language)));
      const items = values.map((value, number) => {
        const item = document.createElement("li");
        const box = Object.assign(document.createElement("input"), {
          type: "checkbox",
          name: key,
          value,
          id: `filter-${key}-${number}`,
        });
        const label = Object.assign(document.createElement("label"), { htmlFor: box.id });
        const count = Object.assign(document.createElement("span"), { className: "search__count" });
        label.append(value, " ", count);
        item.append(box, label);
        return item;
      });
      group(key).querySelector("[data-values]").replaceChildren(...items);
      group(key).hidden = !values.length;
    }
    showCounts(counts);
  };

  // Beside each value, how many of the pages found it holds (or of all pages, before a search).
  const showCounts = (counts) => {
    for (const box of form.querySelectorAll(".search__values input")) {
      const count = counts[filters[box.name]]?.[box.value] || 0;
      box.labels[0].querySelector(".search__count").textContent = `(${count})`;
    }
    for (const key of keys) {
      const chosen = form.querySelectorAll(`input[name="${key}"]:checked`).length;
      const word = chosen === 1 ? words.filter_selected_one : words.filter_selected_many;
      group(key).querySelector("[data-chosen]").textContent = chosen
        ? `(${word.replace("[COUNT]", chosen)})`
        : "";
    }
  };

  const fromForm = () => {
    const chosen = {};
    for (const key of keys) {
      const values = [...form.querySelectorAll(`input[name="${key}"]:checked`)].map((b) => b.value);
      if (values.length) chosen[key] = values;
    }
    return { term: input.value.trim(), chosen, sort: order.value };
  };

  const fromAddress = () => {
    const params = new URLSearchParams(window.location.search);
    const chosen = {};
    for (const key of keys) {
      const values = params.getAll(key);
      if (values.length) chosen[key] = values;
    }
    const sort = params.get("sort") || "";
    return { term: params.get("q") || "", chosen, sort: Object.hasOwn(orders, sort) ? sort : "" };
  };

  const toAddress = ({ term, chosen, sort }) => {
    const params = new URLSearchParams();
    if (term) params.set("q", term);
    for (const key of keys) for (const value of chosen[key] || []) params.append(key, value);
    if (sort) params.set("sort", sort);
    const query = params.toString();
    return query ? `?${query}` : window.location.pathname;
  };

  const intoForm = ({ term, chosen, sort }) => {
    input.value = term;
    order.value = sort;
    for (const box of form.querySelectorAll(".search__values input")) {
      box.checked = (chosen[box.name] || []).includes(box.value);
    }
  };

  // The results in the chosen order, a page at a time, each with its data loaded.
  const byScore = (answers) => {
    const results = answers.flatMap((answer) => answer.results).sort((a, b) => b.score - a.score);
    let shown = 0;
    return async (count) => {
      const next = results.slice(shown, shown + count);
      shown += next.length;
      return { found: await Promise.all(next.map((result) => result.data())), done: shown >= results.length };
    };
  };

  const byDate = (answers, newestFirst) => {
    // Each shard's results are in date order already: take the best of their heads in turn.
    const queues = answers.map((answer) => ({ results: answer.results, next: 0, head: null }));
    const later = (a, b) => (a.meta.day === b.meta.day ? a.url > b.url : a.meta.day > b.meta.day);
    return async (count) => {
      const found = [];
      while (found.length < count) {
        const open = queues.filter((queue) => queue.next < queue.results.length);
        if (!open.length) break;
        await Promise.all(
          open.map(async (queue) => {
            queue.head ??= await queue.results[queue.next].data();
          }),
        );
        const best = open.reduce((a, b) => (later(a.head, b.head) === newestFirst ? a : b));
        found.push(best.head);
        best.head = null;
        best.next += 1;
      }
      return { found, done: queues.every((queue) => queue.next >= queue.results.length) };
    };
  };

  const resultItem = (data) => {
    const item = Object.assign(document.createElement("li"), { className: "search-result" });
    const title = Object.assign(document.createElement("p"), { className: "search-result__title" });
    const link = Object.assign(document.createElement("a"), { href: data.url });
    link.textContent = data.meta.title || data.url;
    title.append(link);
    const meta = Object.assign(document.createElement("p"), { className: "search-result__meta" });
    for (const part of ["place", "date", "kind", "status"]) {
      if (data.meta[part]) meta.append(Object.assign(document.createElement("span"), { textContent: data.meta[part] }));
    }
    item.append(title, meta);
    if (data.excerpt) {
      // Pagefind's excerpt: the page's own text, escaped, with the words found in <mark>.
      const excerpt = Object.assign(document.createElement("p"), { className: "search-result__excerpt" });
      excerpt.innerHTML = data.excerpt;
      item.append(excerpt);
    }
    return item;
  };

  const told = (count, term) => {
    const [none, one, many] = term
      ? [words.zero_results, words.one_result, words.many_results]
      : [words.total_zero_results, words.total_one_result, words.total_many_results];
    const line = count === 0 ? none : count === 1 ? one : many;
    return line.replace("[COUNT]", count.toLocaleString(language)).replace("[SEARCH_TERM]", `“${term}”`);
  };

  // Each shard is an index of its own, and Pagefind matches a word by what its index holds:
  // a word that the index does not hold is left out of the search, or matched by the
  // longest word it holds that begins the word ("not" for "notice"). One index would hold
  // every word that any shard holds. So where some shard holds a word of the search, a
  // shard that does not has no page with all the words, and its answer is left out.
  const holds = async (shard, word) => {
    // As it is, or as a word it begins (a page it marks as found starts with it).
    if ((await shard.search(`"${word}"`)).results.length) return true;
    const [first] = (await shard.search(word)).results;
    if (!first) return false;
    const marked = [...(await first.data()).excerpt.matchAll(/<mark>(.*?)<\/mark>/g)];
    return marked.some(([, found]) => found.toLocaleLowerCase(language).startsWith(word));
  };
  const answering = async (shards, term) => {
    // Pagefind searches a phrase as it is only when the whole query is in quotes; otherwise
    // it leaves out the punctuation, as here, and looks for each word.
    const exact = /^\s*".+"\s*$/.test(term);
    const plain = term.toLocaleLowerCase(language).replace(/[.`~!@#$%^&*(){}[\]\\|:;'",<>/?-]/g, "");
    const words = exact ? [] : plain.split(/\s+/).filter(Boolean);
    if (!words[0] || shards.length < 2) return shards.map(() => true);
    const held = await Promise.all(
      shards.map((shard) => Promise.all(words.map((word) => holds(shard, word)))),
    );
    const anywhere = words.map((_, number) => held.some((shard) => shard[number]));
    return held.map((shard) => shard.every((has, number) => has || !anywhere[number]));
  };

  let latest = 0; // the number of the latest search: an answer to an earlier one is dropped
  let shown = null; // the address whose search the page shows
  let nextPage = null;
  let totals = {};
  const run = async (state) => {
    const number = ++latest;
    const { term, chosen, sort } = state;
    // The last search's pages are no more to be had.
    nextPage = null;
    more.hidden = true;
    if (!term && !Object.keys(chosen).length && !sort) {
      list.replaceChildren();
      list.removeAttribute("aria-busy");
      summary.textContent = "";
      more.hidden = true;
      showCounts(totals);
      return;
    }
    if (term) summary.textContent = words.searching.replace("[SEARCH_TERM]", `“${term}”`);
    list.setAttribute("aria-busy", "true");
    const options = { filters: {} };
    for (const [key, values] of Object.entries(chosen)) options.filters[filters[key]] = { any: values };
    if (orders[sort]) options.sort = orders[sort];
    try {
      const shards = await load();
      const [all, usable] = await Promise.all([
        Promise.all(shards.map((shard) => shard.search(term || null, options))),
        answering(shards, term),
      ]);
      const answers = all.filter((_, shard) => usable[shard]);
      if (number !== latest) return;
      const found = answers.reduce((sum, answer) => sum + answer.results.length, 0);
      const sorted = orders[sort];
      nextPage = sorted ? byDate(answers, Object.values(sorted)[0] === "desc") : byScore(answers);
      const page = await nextPage(PAGE);
      if (number !== latest) return;
      list.replaceChildren(...page.found.map(resultItem));
      list.removeAttribute("aria-busy");
      more.hidden = page.done;
      summary.textContent = told(found, term);
      showCounts(added(answers.map((answer) => answer.filters)));
    } catch (error) {
      if (number === latest) {
        summary.textContent = words.error_search;
        list.removeAttribute("aria-busy");
      }
      throw error;
    }
  };

  more.addEventListener("click", async () => {
    const pager = nextPage;
    if (!pager || more.disabled) return;
    more.disabled = true; // one page at a time, in order
    try {
      const page = await pager(PAGE);
      if (pager !== nextPage) return; // a new search has begun
      const items = page.found.map(resultItem);
      list.append(...items);
      more.hidden = page.done;
      // Keyboard and screen reader users go on from the first of the new results.
      items[0]?.querySelector("a").focus();
    } finally {
      more.disabled = false;
    }
  });

  // Typing refines one search, and a new filter or order makes another: only the second is
  // a step that the back button goes back to.
  const record = (state) => {
    form.querySelector("[data-unknown]").hidden = true;
    const address = toAddress(state);
    const here = window.location.search || window.location.pathname;
    if (address === here) return;
    const before = fromAddress();
    const same = toAddress({ ...before, term: "" }) === toAddress({ ...state, term: "" });
    const typing = same && before.term && state.term;
    window.history[typing ? "replaceState" : "pushState"](null, "", address);
    shown = window.location.search;
  };

  let typing = null;
  input.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(() => {
      const state = fromForm();
      record(state);
      run(state);
    }, 300);
  });
  form.addEventListener("change", (event) => {
    if (event.target === input) return;
    const state = fromForm();
    record(state);
    run(state);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(typing);
    const state = fromForm();
    record(state);
    run(state);
  });
  // The address's search, as the form can hold it: a value in the address that no page is
  // filed under (mistyped, or renamed) is left out, and said.
  const showAddress = async () => {
    if (window.location.search === shown) return; // a move within the page (#main)
    shown = window.location.search;
    await load();
    const asked = fromAddress();
    intoForm(asked);
    const state = fromForm();
    const unknown = Object.entries(asked.chosen).flatMap(([key, values]) =>
      values.filter((value) => !(state.chosen[key] || []).includes(value)).map((v) => `“${v}”`),
    );
    const notice = form.querySelector("[data-unknown]");
    notice.textContent = words.unknown_values.replace("[VALUES]", unknown.join(", "));
    notice.hidden = !unknown.length;
    run(state);
  };
  window.addEventListener("popstate", () => showAddress().catch(failed));

  const failed = (error) => {
    summary.textContent = words.error_search;
    list.removeAttribute("aria-busy");
    throw error;
  };
  if (window.location.search) {
    showAddress().catch(failed);
  } else {
    list.removeAttribute("aria-busy");
    for (const wanted of ["focusin", "pointerdown"]) {
      form.addEventListener(wanted, () => load().catch(failed), { once: true });
    }
  }
}
