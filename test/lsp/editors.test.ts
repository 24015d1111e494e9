/**
 * docbits in a second real editor: headless Neovim (Debian's, 0.7) starts `dist/server.js --stdio` as
 * docs/editors.md configures it, and test/lsp/neovim/session.lua does what a user would: diagnostics, a quick
 * fix, the "Add docstrings" source action (through codeAction/resolve), a bit hover, docbits/fileCoverage, and a
 * clean stop. This is the stdio transport with its own reader and backpressure (server/src/transport/), which
 * VS Code (node IPC) never uses.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO } from './helpers/lspClient';

interface SeenDiagnostic { line: number; col: number; message: string; code: string; severity: number; source: string }
interface NeovimSession {
  errors: string[];
  diagnostics: SeenDiagnostic[];
  quickFixes: string[];
  afterQuickFix: SeenDiagnostic[];
  stub: string;
  sourceActions: string[];
  afterSourceAction: SeenDiagnostic[];
  compiles: string;
  hover: string | null;
  fileCoverage: { measured: boolean; total: number; missed: number; percent: number } | null;
  exit?: { code: number; signal: number };
}

describe('language server in Neovim (headless, --stdio)', function () {
  let tmp = '';
  before(function () {
    const probe = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
    if (probe.status !== 0) {
      if (process.env.CI) assert.fail('Neovim is not installed (apt-get install neovim)');
      this.skip();
    }
  });
  afterEach(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('diagnostics, a quick fix, the source action, a hover and fileCoverage, as docs/editors.md sets it up; the server stops cleanly', function () {
    this.timeout(120_000);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'docbits-neovim-'));
    fs.cpSync(path.join(REPO, 'sample'), path.join(tmp, 'sample'), { recursive: true });
    const root = path.join(tmp, 'sample');
    const out = path.join(tmp, 'session.json');
    const run = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${path.join(REPO, 'test', 'lsp', 'neovim', 'session.lua')}`], {
      cwd: root,
      encoding: 'utf8',
      timeout: 100_000,
      env: {
        ...process.env, DOCBITS_SERVER: path.join(REPO, 'dist', 'server.js'), DOCBITS_ROOT: root,
        DOCBITS_FILE: path.join(root, 'shapes', 'flags.py'), DOCBITS_HOVER: '8:14', DOCBITS_OUT: out,
      },
    });
    assert.ok(fs.existsSync(out), `Neovim wrote no result (status ${run.status}, signal ${run.signal}): ${run.stderr}`);
    const seen = JSON.parse(fs.readFileSync(out, 'utf8')) as NeovimSession;
    assert.deepStrictEqual(seen.errors, []);
    // severity 2 (warning) is the pushed setting: the default is information (3).
    assert.deepStrictEqual(seen.diagnostics.map((d) => [d.line, d.message, d.code, d.severity, d.source]), [
      [21, 'Missing docstring in method Flags.clear', 'D102', 2, 'docbits'],
      [27, 'Missing docstring in method Flags.lowest', 'D102', 2, 'docbits'],
      [36, 'Missing docstring in function is_power_of_two', 'D103', 2, 'docbits'],
    ]);
    assert.deepStrictEqual(seen.quickFixes, ['Add docstring to Flags.clear', 'Excuse Flags.clear with # nodocqa']);
    assert.match(seen.stub, /^ {8}"""Summary of clear\./);
    assert.deepStrictEqual(seen.afterQuickFix.map((d) => d.message), ['Missing docstring in method Flags.lowest', 'Missing docstring in function is_power_of_two']);
    assert.deepStrictEqual(seen.sourceActions, ['Add docstrings to 2 undocumented definitions']);
    assert.deepStrictEqual(seen.afterSourceAction, []);
    const compiled = spawnSync('python3', ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], { input: seen.compiles, encoding: 'utf8' });
    assert.strictEqual(compiled.status, 0, `the edited file does not parse: ${compiled.stderr}`);
    assert.match(seen.hover ?? '', /ALL & ~SHADOW = 11/);
    assert.deepStrictEqual(seen.fileCoverage && [seen.fileCoverage.measured, seen.fileCoverage.missed, seen.fileCoverage.percent], [true, 0, 100]);
    assert.deepStrictEqual(seen.exit, { code: 0, signal: 0 }, 'the server did not exit with 0 after shutdown and exit');
  });
});
