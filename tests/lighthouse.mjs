// Lighthouse's scores of pages, all judged in one headless Chromium.
// Usage: node tests/lighthouse.mjs BASE_URL PATH... ; prints one JSON object: for each
// path, each category's score (0 to 1) and the audits that did not pass. The tests judge
// accessibility, best practices and SEO; performance depends on the machine's speed, so
// the benchmark judges it (LIGHTHOUSE_CATEGORIES=performance,...).
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const CATEGORIES = (process.env.LIGHTHOUSE_CATEGORIES || "accessibility,best-practices,seo")
  .split(",")
  .filter(Boolean);
const [base, ...paths] = process.argv.slice(2);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  chromeFlags: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
});
const results = {};
try {
  for (const path of paths) {
    const { lhr } = await lighthouse(base + path, {
      port: chrome.port,
      logLevel: "error",
      onlyCategories: CATEGORIES,
    });
    const failing = Object.values(lhr.audits)
      .filter((audit) => audit.scoreDisplayMode === "binary" || audit.scoreDisplayMode === "numeric")
      .filter((audit) => audit.score !== null && audit.score < 1)
      .map((audit) => `${audit.id}: ${audit.title}`);
    results[path] = {
      scores: Object.fromEntries(CATEGORIES.map((name) => [name, lhr.categories[name].score])),
      failing,
      error: lhr.runtimeError ? lhr.runtimeError.message : null,
    };
  }
} finally {
  await chrome.kill();
}
console.log(JSON.stringify(results));
