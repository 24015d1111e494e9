// Entry point that VS Code's extension host calls (extensionTestsPath): runs *.test.cjs here with Mocha.
// The rejection names every failed test with its error, so the failure is readable even where the extension
// host's console output is not shown.
const path = require('path');
const fs = require('fs');
const Mocha = require('mocha');

exports.run = function run() {
  const mocha = new Mocha({ ui: 'bdd', color: true, timeout: 60000 });
  for (const f of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.cjs')).sort()) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    const failed = [];
    const runner = mocha.run((failures) => (failures
      ? reject(new Error(`${failures} test(s) failed:\n${failed.join('\n')}`))
      : resolve()));
    runner.on('fail', (test, err) => failed.push(`  - ${test.fullTitle()}: ${err && err.message}`));
    runner.on('pass', (test) => console.log(`  ok - ${test.fullTitle()}`));
  });
};
