#!/usr/bin/env node
// `npm run test:vscode`: the extension-host suite (test/vscode/suite/) inside a desktop VS Code that is already
// installed on this computer, through @vscode/test-electron. It never downloads VS Code: set VSCODE_EXECUTABLE to
// the VS Code (Electron) executable, e.g.
//   Linux:   VSCODE_EXECUTABLE=/usr/share/code/code npm run test:vscode
//   macOS:   VSCODE_EXECUTABLE="/Applications/Visual Studio Code.app/Contents/MacOS/Electron" npm run test:vscode
//   Windows: set VSCODE_EXECUTABLE=%LOCALAPPDATA%\Programs\Microsoft VS Code\Code.exe && npm run test:vscode
// Not part of CI (CI cannot download VS Code); `npm run test:e2e` covers the same ground through code-server.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const executable = process.env.VSCODE_EXECUTABLE;
if (!executable) {
  console.error([
    'test:vscode: VSCODE_EXECUTABLE is not set.',
    'This suite runs inside a desktop VS Code (>= 1.100) that is already installed; it never downloads one.',
    'Run it as:  VSCODE_EXECUTABLE=/path/to/code npm run test:vscode   (see docs/e2e.md)',
    'Without VS Code, `npm run test:e2e` checks the packaged extension in code-server instead.',
  ].join('\n'));
  process.exit(2);
}
if (!fs.existsSync(executable)) {
  console.error(`test:vscode: VSCODE_EXECUTABLE=${executable} does not exist.`);
  process.exit(2);
}
let runTests;
try {
  ({ runTests } = await import('@vscode/test-electron'));
} catch {
  console.error('test:vscode: @vscode/test-electron is not installed (it is a devDependency: run `npm ci`).');
  process.exit(2);
}

// The extension runs from the repository (extensionDevelopmentPath), so build the bundles first.
execFileSync(process.execPath, ['esbuild.mjs'], { cwd: repo, stdio: 'inherit' });

// A throwaway copy of sample/ (the quick-fix test edits a file) and a private profile.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'docbits-vscode-'));
const workspace = path.join(tmp, 'sample');
fs.cpSync(path.join(repo, 'sample'), workspace, { recursive: true });
fs.mkdirSync(path.join(tmp, 'user', 'User'), { recursive: true });
fs.writeFileSync(path.join(tmp, 'user', 'User', 'settings.json'), JSON.stringify({
  // No telemetry or git traffic: a failed network call in a built-in extension would land in a running test.
  'telemetry.telemetryLevel': 'off', 'git.enabled': false, 'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false, 'extensions.autoUpdate': false, 'update.mode': 'none',
}, null, 2));
let code = 1;
try {
  code = await runTests({
    vscodeExecutablePath: executable,
    extensionDevelopmentPath: repo,
    extensionTestsPath: path.join(repo, 'test', 'vscode', 'suite', 'index.cjs'),
    extensionTestsEnv: { DOCBITS_TEST_WORKSPACE: workspace },
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes',
      '--user-data-dir', path.join(tmp, 'user'), '--extensions-dir', path.join(tmp, 'extensions')],
  });
} catch (err) {
  console.error(`test:vscode: ${err instanceof Error ? err.message : err}`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(code);
