/**
 * docbits in the other editors users name, for real: Debian's Neovim 0.7 (headless) and Emacs 28 with eglot 1.9
 * (batch) start `dist/server.js --stdio` as docs/editors.md configures them, and a script in each
 * (test/lsp/editors/) does what a user would on the sample's flags.py: the diagnostics, a quick fix, the
 * "Add docstrings" source action, a bit hover and docbits/fileCoverage, then a shutdown. This is the stdio
 * transport with its own reader and backpressure (server/src/transport/), which VS Code (node IPC) never uses.
 * Each editor is skipped where it is not installed (.ci/run installs both), and fails then where `CI` is set.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO } from './helpers/lspClient';

/** What both scripts report, in the editors' own shapes where they differ (normalised by `diagnosticsOf`). */
interface EditorSession {
  errors: string[];
  diagnostics: unknown[];
  quickFixes: string[];
  afterQuickFix: unknown[];
  sourceActions: string[];
  afterSourceAction: unknown[];
  text: string;
  hover: string | null;
  fileCoverage: { measured: boolean; total: number; missed: number; percent: number } | null;
}

interface Editor {
  name: string;
  /** The command and its arguments, given the script's path. */
  command(script: string): [string, string[]];
  probe: [string, string[]];
  script: string;
  /** [line, message, severity name] of each of the editor's diagnostics. */
  diagnosticsOf(list: unknown[]): Array<[number, string, string]>;
  /** Editor-specific checks of what it saw. */
  also(seen: EditorSession & Record<string, unknown>): void;
}

const SEVERITY_NAMES = ['', 'error', 'warning', 'information', 'hint'];

const EDITORS: Editor[] = [
  {
    name: 'Neovim 0.7 (headless, start_client)',
    probe: ['nvim', ['--version']],
    script: 'neovim.lua',
    command: (script) => ['nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${script}`]],
    diagnosticsOf: (list) => (list as Array<{ line: number; message: string; severity: number; source: string; code: string }>)
      .map((d) => [d.line, `${d.source} [${d.code}]: ${d.message}`, SEVERITY_NAMES[d.severity]]),
    also: (seen) => assert.deepStrictEqual(seen.exit, { code: 0, signal: 0 }, 'the server did not exit with 0 after shutdown and exit'),
  },
  {
    name: 'Emacs 28 with eglot 1.9 (batch)',
    probe: ['emacs', ['--version']],
    script: 'emacs.el',
    command: (script) => ['emacs', ['--batch', '-Q', '-l', script]],
    // eglot shows a diagnostic as `source [code]: message`, its type eglot-warning for severity 2.
    diagnosticsOf: (list) => (list as Array<[number, string, string]>).map(([line, text, type]) => [line, text, type.replace(/^eglot-/, '')]),
    also: (seen) => {
      assert.strictEqual(seen.shutdown, true, 'shutdown was not answered');
      assert.doesNotMatch(String(seen.stderr), /error|exception/i, `the server's stderr: ${seen.stderr}`);
    },
  },
];

describe('language server in other editors (--stdio)', function () {
  let tmp = '';
  afterEach(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    tmp = '';
  });

  for (const editor of EDITORS) {
    it(`${editor.name}: diagnostics, a quick fix, the source action, a hover and fileCoverage, set up as docs/editors.md says`, function () {
      this.timeout(120_000);
      if (spawnSync(editor.probe[0], editor.probe[1]).status !== 0) {
        if (process.env.CI) assert.fail(`${editor.probe[0]} is not installed (.ci/run installs it)`);
        this.skip();
      }
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'docbits-editors-'));
      const root = path.join(tmp, 'sample');
      fs.cpSync(path.join(REPO, 'sample'), root, { recursive: true });
      fs.mkdirSync(path.join(root, '.git')); // the project root, for eglot's project.el as for the server
      const out = path.join(tmp, 'session.json');
      const [command, args] = editor.command(path.join(REPO, 'test', 'lsp', 'editors', editor.script));
      const run = spawnSync(command, args, {
        cwd: root,
        encoding: 'utf8',
        timeout: 100_000,
        env: {
          ...process.env, DOCBITS_SERVER: path.join(REPO, 'dist', 'server.js'), DOCBITS_ROOT: root,
          DOCBITS_FILE: path.join(root, 'shapes', 'flags.py'), DOCBITS_HOVER: '8:14', DOCBITS_OUT: out,
        },
      });
      assert.ok(fs.existsSync(out), `${command} wrote no result (status ${run.status}, signal ${run.signal}): ${run.stderr.slice(-2000)}`);
      const seen = JSON.parse(fs.readFileSync(out, 'utf8')) as EditorSession & Record<string, unknown>;
      assert.deepStrictEqual(seen.errors, []);
      // warning is the pushed setting: the default severity is information.
      assert.deepStrictEqual(editor.diagnosticsOf(seen.diagnostics), [
        [21, 'docbits [D102]: Missing docstring in method Flags.clear', 'warning'],
        [27, 'docbits [D102]: Missing docstring in method Flags.lowest', 'warning'],
        [36, 'docbits [D103]: Missing docstring in function is_power_of_two', 'warning'],
      ]);
      assert.deepStrictEqual(seen.quickFixes, ['Add docstring to Flags.clear', 'Excuse Flags.clear with # nodocqa']);
      assert.deepStrictEqual(editor.diagnosticsOf(seen.afterQuickFix).map(([, message]) => message), [
        'docbits [D102]: Missing docstring in method Flags.lowest', 'docbits [D103]: Missing docstring in function is_power_of_two',
      ]);
      assert.deepStrictEqual(seen.sourceActions, ['Add docstrings to 2 undocumented definitions']);
      assert.deepStrictEqual(seen.afterSourceAction, []);
      const lines = seen.text.split('\n');
      for (const def of ['    def clear(self, k):', '    def lowest(self):', 'def is_power_of_two(x):']) {
        const at = lines.indexOf(def);
        assert.match(lines[at + 1] ?? '', /^\s+"""Summary of \w+\./, `no stub under ${def.trim()}`);
      }
      const compiled = spawnSync('python3', ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], { input: seen.text, encoding: 'utf8' });
      assert.strictEqual(compiled.status, 0, `the edited file does not parse: ${compiled.stderr}`);
      assert.match(seen.hover ?? '', /ALL & ~SHADOW = 11/);
      assert.deepStrictEqual(seen.fileCoverage && [seen.fileCoverage.measured, seen.fileCoverage.missed, seen.fileCoverage.percent], [true, 0, 100]);
      editor.also(seen);
    });
  }
});
