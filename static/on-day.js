// Every authority's status on any day, on /status/: worked out in the browser from the
// published status periods (/data/status-periods.json) by the rule the pages of each year
// follow at build time. A period is in force from the first day of its start to the day
// before the first day of its end; a date known to the month or year counts from its first
// day. The words and the list of authorities come from the page, in its language; the day
// chosen goes into the address (?on=2014-06-01), so that it can be shared.
"use strict";

(() => {
  const box = document.querySelector("[data-on-day]");
  if (!box) return;
  const form = box.querySelector("form");
  const input = form.elements.on;
  const result = box.querySelector("[data-result]");
  const announce = box.querySelector("[data-announce]");
  const words = box.dataset;
  // The month names of the page's language, as the site writes dates: "5 March 2019",
  // "March 2019", "2019" (sitegen/site/filters.py).
  const months = JSON.parse(words.months);
  let periods = null;

  const firstDay = (date) => `${date}-01-01`.slice(0, 10);

  function timeOf(date, precision) {
    const [year, month, day] = firstDay(date).split("-").map(Number);
    const time = document.createElement("time");
    time.dateTime = date;
    time.textContent = {
      day: `${day} ${months.format[month - 1]} ${year}`,
      month: `${months.alone[month - 1]} ${year}`,
      year: `${year}`,
    }[precision];
    return time;
  }

  async function load() {
    if (!periods) {
      const response = await fetch(words.periods);
      if (!response.ok) throw new Error(`${response.status} ${words.periods}`);
      periods = (await response.json()).status_periods;
    }
    return periods;
  }

  // The period each authority was in on a day (an ISO date), by authority.
  function heldOn(day, all) {
    const held = new Map();
    for (const period of all) {
      if (firstDay(period.from) <= day && (period.to === null || day < firstDay(period.to))) {
        held.set(period.authority, period);
      }
    }
    return held;
  }

  function since(period, day) {
    const note = document.createElement("span");
    note.className = "muted";
    const started = period.from_confirmed
      ? [`${words.since} `, timeOf(period.from, period.from_precision)]
      : [`${words.by} `, timeOf(period.from, period.from_precision),
        ` (${words.startUnconfirmed})`];
    note.append(" ", ...started);
    if (!period.to_confirmed && firstDay(period.last_seen) < day) {
      note.append(`; ${words.still} ${words.unconfirmed}`);
    }
    return note;
  }

  function valid(day) {
    return /^\d{4}-\d{2}-\d{2}$/.test(day) && day >= input.min && day <= input.max;
  }

  async function show(day) {
    if (!valid(day)) {
      result.textContent = announce.textContent = words.problem;
      return;
    }
    let held;
    try {
      held = heldOn(day, await load());
    } catch {
      result.textContent = announce.textContent = words.failed;
      return;
    }
    const view = box.querySelector("[data-skeleton]").content.cloneNode(true);
    view.querySelector("[data-day]").replaceWith(timeOf(day, "day"));
    const authorities = box.querySelector("[data-authorities]").content;
    for (const item of authorities.querySelectorAll("li")) {
      const row = item.cloneNode(true);
      const period = held.get(row.dataset.authority);
      if (period) row.append(since(period, day));
      const key = period ? period.status : words.noStatus;
      view.querySelector(`[data-group="${key}"] ul`).append(row);
    }
    for (const group of view.querySelectorAll("[data-group]")) {
      const list = group.querySelector("ul");
      const empty = list.children.length === 0;
      list.hidden = empty;
      group.querySelector("[data-empty]").hidden = !empty;
    }
    result.replaceChildren(view);
    // Screen readers hear which day is shown, not the whole list again.
    announce.textContent = result.querySelector("h3").textContent;
  }

  function dayInAddress() {
    return new URLSearchParams(window.location.search).get("on");
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const day = input.value;
    if (day !== dayInAddress()) {
      const address = new URL(window.location.href);
      address.searchParams.set("on", day);
      window.history.pushState({ on: day }, "", address);
    }
    show(day);
  });

  // Back and forward step through the days chosen.
  window.addEventListener("popstate", () => {
    const day = dayInAddress();
    input.value = day || "";
    if (day) show(day);
    else result.replaceChildren();
  });

  box.hidden = false;
  const day = dayInAddress();
  if (day) {
    input.value = day;
    show(day).then(() => box.scrollIntoView());
  }
})();
