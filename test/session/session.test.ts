/**
 * The session in-process, as an editor drives it through server.ts but without a connection: documents in,
 * plain answers out. Also the contract of one parse per document version, counted at the parser itself.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { statusBarTooltip } from '../../server/src/coverage/coverageText';
import { CoverageDiagnostic } from '../../server/src/coverage/diagnostics';
import * as linesModule from '../../server/src/python/lines';
import * as structureModule from '../../server/src/python/structure';
import * as tokenizerModule from '../../server/src/python/lexer/cursor';
import { TokenKind } from '../../server/src/python/tokens';
import { DocbitsSession, InvalidRequestError, SessionHost, sessionOptions } from '../../server/src/session/session';
import { ValidationQueue } from '../../server/src/session/validationQueue';

const PROJECT = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'lsp', 'project');

interface Published {
  uri: string;
  version: number | undefined;
  diagnostics: CoverageDiagnostic[];
}

/** A host that records what the session publishes and logs; settings pulled from `settings` when given. */
class RecordingHost implements SessionHost {
  readonly published: Published[] = [];
  readonly logs: Array<{ level: string; message: string }> = [];
  pullSettings?: (uri: string) => Promise<unknown>;

  constructor(settings?: (uri: string) => unknown) {
    if (settings) this.pullSettings = async (uri) => settings(uri);
  }

  publishDiagnostics(uri: string, version: number | undefined, diagnostics: CoverageDiagnostic[]): void {
    this.published.push({ uri, version, diagnostics });
  }

  log(level: 'error' | 'warning', message: string): void {
    this.logs.push({ level, message });
  }

  last(uri: string): Published | undefined {
    return [...this.published].reverse().find((p) => p.uri === uri);
  }
}

/** Every session the tests made, so that settle() can wait for their validation queues. */
const sessions: DocbitsSession[] = [];

function track(session: DocbitsSession): DocbitsSession {
  sessions.push(session);
  return session;
}

/**
 * Waits for the validation queues (debounce 0, but a costly check, such as a cold first one, lengthens the
 * debounce of the next edit's check) and the settings promises to settle.
 */
async function settle(): Promise<void> {
  const immediates = async (): Promise<void> => {
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
  };
  await immediates();
  const queued = (): boolean => sessions.some((s) => (s as unknown as { queue: ValidationQueue }).queue.anyPending);
  while (queued()) await new Promise((resolve) => setTimeout(resolve, 5));
  await immediates();
}

function tmpProject(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'docbits-session-'));
  fs.mkdirSync(path.join(root, '.git'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

describe('session/session', () => {
  const read = (name: string): string => fs.readFileSync(path.join(PROJECT, name), 'utf8');
  const uriOf = (name: string): string => pathToFileURL(path.join(PROJECT, name)).href;

  it('publishes the diagnostics of each version, and answers coverage, code actions and hovers from it', async () => {
    const host = new RecordingHost();
    const session = track(new DocbitsSession(host, sessionOptions([PROJECT], { debounceMs: 0 })));
    const uri = uriOf('parser.py');
    session.open(uri, 1, read('parser.py'));
    await settle();
    const first = host.last(uri)!;
    assert.strictEqual(first.version, 1);
    assert.deepStrictEqual(first.diagnostics.map((d) => d.code), ['D107', 'D105', 'D102', 'D106', 'D103', 'D101']);
    assert.deepStrictEqual(await session.fileCoverage(uri), {
      uri, total: 8, covered: 2, missed: 6, excused: 0, percent: 25, failUnder: 80, passed: false, measured: true,
    });
    const missing = first.diagnostics.map((d) => ({ ...d, source: 'docbits' }));
    const actions = await session.codeActions(uri, missing, ['quickfix']);
    assert.strictEqual(actions.filter((a) => a.title.startsWith('Add docstring to')).length, 6);

    // An edit documents __init__: the new version is published, and quick fixes for the old diagnostics still
    // find their definitions, a line further down.
    session.change(uri, 2, [{ range: { start: { line: 7, character: 0 }, end: { line: 7, character: 0 } }, text: '        """Init."""\n' }]);
    await settle();
    assert.strictEqual(host.last(uri)!.version, 2);
    assert.deepStrictEqual(host.last(uri)!.diagnostics.map((d) => d.code), ['D105', 'D102', 'D106', 'D103', 'D101']);
    const after = await session.codeActions(uri, missing, ['quickfix']);
    assert.deepStrictEqual(after.map((a) => a.title), actions.slice(2).map((a) => a.title), 'the __init__ ones are gone');
    assert.ok(after.every((a, i) => a.edits[0].range.start.line === actions[i + 2].edits[0].range.start.line + 1));

    const bitsUri = uriOf('bits.py');
    session.open(bitsUri, 1, read('bits.py'));
    const line = read('bits.py').split('\n').findIndex((l) => l.includes('mode & FLAG_READ'));
    const hover = await session.hover(bitsUri, line, read('bits.py').split('\n')[line].indexOf('&'));
    assert.ok(hover && hover.markdown.includes('FLAG_READ'), JSON.stringify(hover));

    session.close(uri);
    assert.deepStrictEqual(host.last(uri), { uri, version: undefined, diagnostics: [] });
    assert.strictEqual(await session.diagnostics(uri), undefined);
  });

  it('answers a request the user made without diagnostics (Neovim 0.7 given vim.diagnostic entries) for ours at the range', async () => {
    const host = new RecordingHost();
    const session = track(new DocbitsSession(host, sessionOptions([PROJECT], { debounceMs: 0 })));
    const uri = uriOf('parser.py');
    session.open(uri, 1, read('parser.py'));
    await settle();
    const [first] = host.last(uri)!.diagnostics;
    const titles = async (automatic: boolean, range = first.range) =>
      (await session.codeActions(uri, [], ['quickfix'], range, { automatic })).map((a) => a.title);
    const withDiagnostic = (await session.codeActions(uri, [{ ...first, source: 'docbits' }], ['quickfix'], first.range)).map((a) => a.title);
    assert.ok(withDiagnostic.length > 0);
    assert.deepStrictEqual(await titles(false), withDiagnostic);
    // A cursor move (automatic) carries the diagnostics there are: none asked, none offered.
    assert.deepStrictEqual(await titles(true), []);
    // A range with no diagnostic of ours: nothing.
    const blank = read('parser.py').split('\n').findIndex((l) => l.trim() === '');
    assert.deepStrictEqual(await titles(false, { start: { line: blank, character: 0 }, end: { line: blank, character: 0 } }), []);
  });

  it('gives an automatic request (a lightbulb on a cursor move) quick fixes only, and the user\'s request all', async () => {
    const host = new RecordingHost();
    const session = track(new DocbitsSession(host, sessionOptions([PROJECT], { debounceMs: 0 })));
    const uri = uriOf('parser.py');
    session.open(uri, 1, read('parser.py'));
    await settle();
    const missing = host.last(uri)!.diagnostics.map((d) => ({ ...d, source: 'docbits' }));
    const at = missing[0].range;
    const kinds = async (only: string[] | undefined, automatic: boolean) =>
      [...new Set((await session.codeActions(uri, missing.slice(0, 1), only, at, { automatic })).map((a) => a.kind))].sort();
    assert.deepStrictEqual(await kinds(undefined, true), ['quickfix']);
    assert.deepStrictEqual(await kinds(undefined, false), ['quickfix', 'source.docbits.addAllDocstrings']);
    // Asked for by kind (VS Code's Source Action menu asks for `source`), automatic or not.
    assert.deepStrictEqual(await kinds(['source'], true), ['source.docbits.addAllDocstrings']);
    assert.deepStrictEqual(await kinds(['source.docbits.addAllDocstrings'], false), ['source.docbits.addAllDocstrings']);
  });

  it('parses each document version once, whatever is asked of it', async () => {
    const parse = structureModule.parseStructure;
    const Tokenizer = tokenizerModule.Tokenizer;
    let parses = 0;
    // What counts is reading the file: a tokenizer that stops after one logical line (a module stub looking for
    // the first statement, bits/scope.ts reading a hovered line again on its own) does not.
    const tokenizersOfText: Array<{ at: string; newlines: number }> = [];
    const wholeTextReads = () => tokenizersOfText.filter((t) => t.newlines > 1).map((t) => t.at);
    let text = '';
    const patchedStructure = structureModule as { parseStructure: typeof parse };
    const patchedTokenizer = tokenizerModule as { Tokenizer: typeof Tokenizer };
    patchedStructure.parseStructure = (...args) => {
      // Only this test's texts: another test's session may still have a check due (validationQueue's debounce after a costly check).
      if (args[0] === text || args[0].startsWith('# edited\n')) parses++;
      return parse(...args);
    };
    patchedTokenizer.Tokenizer = class extends Tokenizer {
      private readonly record?: { at: string; newlines: number };
      constructor(...args: ConstructorParameters<typeof Tokenizer>) {
        super(...args);
        // Signatures and bodies are read from slices of their own; what matters is reading the whole file.
        if (args[0] === text) {
          this.record = { at: new Error().stack!.split('\n')[2].trim(), newlines: 0 };
          tokenizersOfText.push(this.record);
        }
      }
      // At emit, not next(): the skim ends lines after a token without next() (lineEndAfterToken).
      override emit(kind: TokenKind, start: number, end: number): TokenKind {
        if (this.record && kind === TokenKind.Newline) this.record.newlines++;
        return super.emit(kind, start, end);
      }
    };
    try {
      const host = new RecordingHost();
      const session = track(new DocbitsSession(host, sessionOptions([PROJECT], { debounceMs: 0 })));
      const uri = uriOf('parser.py');
      text = read('parser.py').replace(/^""".*"""\n/, ''); // no module docstring: a module stub too
      session.open(uri, 1, text);
      await settle();
      const diagnostics = host.last(uri)!.diagnostics.map((d) => ({ ...d, source: 'docbits' }));
      assert.deepStrictEqual(diagnostics.map((d) => d.code), ['D100', 'D107', 'D105', 'D102', 'D106', 'D103', 'D101']);
      assert.strictEqual(parses, 1, 'open');
      assert.strictEqual(wholeTextReads().length, 1, 'the parse');

      // One code-action request with all seven diagnostics (this once took 11 parses for five), another with
      // the module's alone, file coverage, diagnostics, and two hovers.
      const actions = await session.codeActions(uri, diagnostics, undefined);
      assert.strictEqual(actions.length, 7 + 6 + 1);
      await session.codeActions(uri, diagnostics.slice(0, 1), ['quickfix']);
      await session.fileCoverage(uri);
      await session.diagnostics(uri);
      await session.hover(uri, text.split('\n').length - 2, 0);
      await session.hover(uri, 0, 0);
      assert.strictEqual(parses, 1, 'code actions, file coverage, diagnostics and hovers reuse the parse');
      // Besides the parse, the hovers of one version share one read (their scope index).
      assert.strictEqual(wholeTextReads().length, 1 + 1, wholeTextReads().join('\n'));

      session.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# edited\n' }]);
      await settle();
      await session.codeActions(uri, diagnostics, undefined);
      assert.strictEqual(parses, 2, 'one more version, one more parse');
    } finally {
      patchedStructure.parseStructure = parse;
      patchedTokenizer.Tokenizer = Tokenizer;
    }
  });

  it('coverage diagnostics alone never make the line starts of the text (quality off, or no findings)', async () => {
    const starts = linesModule.lineStarts;
    const text = `${read('parser.py')}\n# no line starts\n`;
    let made = 0;
    (linesModule as { lineStarts: typeof starts }).lineStarts = (...args) => {
      if (args[0] === text) made++;
      return starts(...args);
    };
    try {
      const host = new RecordingHost();
      const session = track(new DocbitsSession(host, sessionOptions([PROJECT], { debounceMs: 0 })));
      const uri = uriOf('parser.py');
      session.open(uri, 1, text);
      await settle();
      assert.ok(host.last(uri)!.diagnostics.length > 0);
      assert.strictEqual(made, 0);
    } finally {
      (linesModule as { lineStarts: typeof starts }).lineStarts = starts;
    }
  });

  it('parses an opened document while its settings are on their way, once, and publishes the same diagnostics', async () => {
    const parse = structureModule.parseStructure;
    const text = `${read('parser.py')}\n# parsed ahead\n`;
    let parses = 0;
    let answered = false;
    let parsedBeforeAnswer = false;
    const patchedStructure = structureModule as { parseStructure: typeof parse };
    patchedStructure.parseStructure = (...args) => {
      if (args[0] === text) {
        parses++;
        parsedBeforeAnswer ||= !answered;
      }
      return parse(...args);
    };
    try {
      let answer!: () => void;
      const host = new RecordingHost();
      host.pullSettings = () => new Promise((resolve) => { answer = () => { answered = true; resolve({}); }; });
      const session = track(new DocbitsSession(host, sessionOptions([PROJECT], { debounceMs: 0 })));
      const uri = uriOf('parser.py');
      session.open(uri, 1, text);
      await new Promise((resolve) => setImmediate(resolve));
      assert.ok(parsedBeforeAnswer, 'the parse ran while the settings request was out');
      answer();
      await settle();
      assert.strictEqual(parses, 1);
      const pushed = track(new DocbitsSession(new RecordingHost(), sessionOptions([PROJECT], { debounceMs: 0 })));
      pushed.open(uri, 1, text);
      assert.deepStrictEqual(host.last(uri)!.diagnostics, await pushed.diagnostics(uri));
    } finally {
      patchedStructure.parseStructure = parse;
    }
  });

  it('never publishes a version that the user has typed past while settings were on their way', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const host = new RecordingHost();
    host.pullSettings = async () => {
      await gate;
      return {};
    };
    const session = track(new DocbitsSession(host, sessionOptions([PROJECT], { debounceMs: 0 })));
    const uri = uriOf('parser.py');
    session.open(uri, 1, read('parser.py'));
    session.change(uri, 2, [{ text: 'def f():\n    pass\n' }]);
    release();
    await settle();
    assert.deepStrictEqual(host.published.filter((p) => p.uri === uri).map((p) => p.version), [2]);
  });

  it('takes the new text of a re-opened document and of a reused version number, and only the last of many whole texts', async () => {
    const host = new RecordingHost();
    const session = track(new DocbitsSession(host, sessionOptions([PROJECT], { debounceMs: 0 })));
    const uri = uriOf('reused.py');
    const names = (): string[] => host.last(uri)!.diagnostics.map((d) => d.message.replace(/^Missing docstring in /, ''));
    session.open(uri, 1, '"""M."""\ndef a():\n    pass\n');
    await settle();
    assert.deepStrictEqual(names(), ['function a']);
    session.open(uri, 1, '"""M."""\ndef b():\n    pass\n'); // didOpen again, same version
    await settle();
    assert.deepStrictEqual(names(), ['function b']);
    session.change(uri, 2, [{ text: '"""M."""\ndef c():\n    pass\n' }]);
    await settle();
    session.change(uri, 2, [{ text: '"""M."""\ndef d():\n    pass\n' }]); // version 2 again
    await settle();
    assert.deepStrictEqual(names(), ['function d']);
    assert.deepStrictEqual((await session.fileCoverage(uri)).total, 2);
    // Two thousand whole texts in one notification, then an edit: the last whole text, edited.
    const many = Array.from({ length: 2000 }, (_, i) => ({ text: `"""M."""\ndef t${i}():\n    pass\n` }));
    session.change(uri, 3, [...many, { range: { start: { line: 1, character: 4 }, end: { line: 1, character: 4 } }, text: 'x_' }]);
    await settle();
    assert.deepStrictEqual(names(), ['function x_t1999']);
  });

  it('falls back to the pushed settings when the editor never answers workspace/configuration', async () => {
    const host = new RecordingHost();
    host.pullSettings = () => new Promise<unknown>(() => undefined);
    const session = track(new DocbitsSession(host, {
      ...sessionOptions([PROJECT], { debounceMs: 0, settings: { docbits: { severity: 'hint' } } }), settingsTimeoutMs: 30,
    }));
    const uri = uriOf('parser.py');
    session.open(uri, 1, read('parser.py'));
    await new Promise((resolve) => setTimeout(resolve, 60));
    await settle();
    const published = host.last(uri)!;
    assert.strictEqual(published.diagnostics.length, 6);
    assert.ok(published.diagnostics.every((d) => d.severity === 'hint'));
  });

  it('reads settings per document from the editor, falls back to pushed ones, and re-checks when they change', async () => {
    let severity = 'error';
    const host = new RecordingHost(() => ({ severity }));
    const session = track(new DocbitsSession(host, sessionOptions([PROJECT], { debounceMs: 0 })));
    const uri = uriOf('parser.py');
    session.open(uri, 1, read('parser.py'));
    await settle();
    assert.ok(host.last(uri)!.diagnostics.every((d) => d.severity === 'error'));
    severity = 'hint';
    session.settingsChanged(undefined);
    await settle();
    assert.ok(host.last(uri)!.diagnostics.every((d) => d.severity === 'hint'));

    // An editor that cannot be asked: initialization options, then didChangeConfiguration's settings.
    const pushHost = new RecordingHost();
    const pushed = track(new DocbitsSession(pushHost, sessionOptions([PROJECT], { debounceMs: 0, settings: { docbits: { severity: 'information' } } })));
    pushed.open(uri, 1, read('parser.py'));
    await settle();
    assert.ok(pushHost.last(uri)!.diagnostics.every((d) => d.severity === 'information'));
    pushed.settingsChanged({ severity: 'warning' });
    await settle();
    assert.deepStrictEqual(pushHost.last(uri)!.diagnostics.map((d) => [d.code, d.severity])[0], ['D107', 'warning']);
  });

  it('a workspace report asked for maxTextLines sends that many lines of the table and counts the rest; the scan is shared', async () => {
    const session = track(new DocbitsSession(new RecordingHost(), sessionOptions([PROJECT], { debounceMs: 0 })));
    const [whole, cut, none] = await Promise.all([
      session.workspaceCoverage(), session.workspaceCoverage({ maxTextLines: 3 }), session.workspaceCoverage({ maxTextLines: 100_000 }),
    ]);
    const lines = whole.text.split('\n').slice(0, -1);
    assert.ok(lines.length > 10, 'a table of more than 10 lines');
    assert.strictEqual(cut.text, lines.slice(0, 3).map((l) => `${l}\n`).join(''));
    assert.strictEqual(cut.textLinesLeftOut, lines.length - 3);
    assert.deepStrictEqual([whole.textLinesLeftOut, none.textLinesLeftOut, none.text], [undefined, undefined, whole.text]);
    assert.deepStrictEqual(cut.files, whole.files);
  });

  it('in a workspace opened through a symlink, the project\'s excludes (real paths) still leave their files out', async () => {
    const root = tmpProject({
      'pyproject.toml': '[tool.interrogate]\nexclude = ["tests"]\n',
      'tests/test_a.py': 'def test_a():\n    pass\n',
      'pkg/m.py': 'def f():\n    pass\n',
    });
    const link = `${root}-link`;
    fs.symlinkSync(root, link);
    try {
      const host = new RecordingHost();
      const session = track(new DocbitsSession(host, sessionOptions([link], { debounceMs: 0 })));
      const excluded = pathToFileURL(path.join(link, 'tests', 'test_a.py')).href;
      const measured = pathToFileURL(path.join(link, 'pkg', 'm.py')).href;
      session.open(excluded, 1, fs.readFileSync(path.join(root, 'tests', 'test_a.py'), 'utf8'));
      session.open(measured, 1, fs.readFileSync(path.join(root, 'pkg', 'm.py'), 'utf8'));
      await settle();
      assert.deepStrictEqual(host.last(excluded)?.diagnostics ?? [], [], 'an excluded file has diagnostics');
      assert.deepStrictEqual(host.last(measured)!.diagnostics.map((d) => d.code), ['D100', 'D103']);
      const coverage = await session.fileCoverage(excluded);
      assert.deepStrictEqual([coverage.measured, coverage.notMeasured], [false, 'excluded']);
      const report = await session.workspaceCoverage();
      assert.deepStrictEqual(report.files.map((f) => path.basename(f.path)), ['m.py'], 'the workspace report lists the excluded file');
    } finally {
      fs.rmSync(link);
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('per-path labels are relative to the config file\'s folder, as the keys are, not to the workspace folder', async () => {
    const root = tmpProject({
      'pyproject.toml': '[tool.docbits.per-path]\n"app/src/" = 95\n', 'app/src/a.py': '"""A."""\n',
    });
    try {
      const app = path.join(root, 'app');
      const session = track(new DocbitsSession(new RecordingHost(), sessionOptions([app], { debounceMs: 0 })));
      const coverage = await session.fileCoverage(pathToFileURL(path.join(app, 'src', 'a.py')).href);
      assert.deepStrictEqual([coverage.failUnder, coverage.perPath], [95, '"app/src/"']);
      const report = await session.workspaceCoverage();
      assert.strictEqual(report.folders[0].perPathFolder, fs.realpathSync(root));
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('per-path thresholds: a file\'s fail-under is its longest prefix\'s, open or on disk; the status bar tooltip names it', async () => {
    const root = tmpProject({
      'pyproject.toml': '[tool.interrogate]\nfail-under = 50\n\n[tool.docbits.per-path]\n"src/" = 95\n"src/legacy/" = 0\n',
      'src/a.py': '"""A."""\n', 'src/legacy/old.py': '"""Old."""\n', 'setup.py': '"""Setup."""\n',
    });
    try {
      const session = track(new DocbitsSession(new RecordingHost(), sessionOptions([root], { debounceMs: 0 })));
      const uri = (rel: string): string => pathToFileURL(path.join(root, rel)).href;
      session.open(uri('src/a.py'), 1, '"""A."""\n\n\ndef f():\n    pass\n');
      const open = await session.fileCoverage(uri('src/a.py'));
      assert.deepStrictEqual([open.failUnder, open.perPath, open.passed], [95, '"src/"', false]);
      const legacy = await session.fileCoverage(uri('src/legacy/old.py'));
      assert.deepStrictEqual([legacy.failUnder, legacy.perPath], [0, '"src/legacy/"']);
      const other = await session.fileCoverage(uri('setup.py'));
      assert.deepStrictEqual([other.failUnder, other.perPath], [50, undefined]);
      assert.strictEqual(statusBarTooltip('a.py', open, open.failUnder, undefined, open).split('\n')[0], 'Docstring coverage of a.py: 50.0% (minimum 95% for "src/")');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('reports bad editor settings once, keeps the default, and reads a relative exclude against the workspace folder', async () => {
    const root = tmpProject({ 'pkg/a.py': 'def f():\n    pass\n', 'tests/test_a.py': 'def test():\n    pass\n' });
    try {
      const host = new RecordingHost(() => ({ failUnder: 120, ignoreRegex: ['(?=a)'], exclude: ['tests'] }));
      const session = track(new DocbitsSession(host, sessionOptions([root], { debounceMs: 0 })));
      const a = pathToFileURL(path.join(root, 'pkg', 'a.py')).href;
      const test = pathToFileURL(path.join(root, 'tests', 'test_a.py')).href;
      session.open(a, 1, 'def f():\n    pass\n');
      session.open(test, 1, 'def test():\n    pass\n');
      await settle();
      assert.strictEqual((await session.fileCoverage(a)).failUnder, 80, 'fail-under 120 is refused, not clamped');
      const warnings = host.logs.filter((l) => l.level === 'warning').map((l) => l.message);
      assert.strictEqual(warnings.filter((m) => m.includes('docbits.failUnder') || m.includes('failUnder')).length, 1, warnings.join('\n'));
      assert.ok(warnings.some((m) => m.includes('(?=a)')), warnings.join('\n'));
      assert.deepStrictEqual(host.last(test)!.diagnostics, [], 'tests/ excluded by the editor setting');
      assert.strictEqual(host.last(a)!.diagnostics.length, 2);
      assert.deepStrictEqual([(await session.fileCoverage(test)).measured, (await session.fileCoverage(test)).notMeasured], [false, 'excluded']);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('publishes a config file’s problems once on that file, and again after it changes', async () => {
    const root = tmpProject({ 'pyproject.toml': '[tool.interrogate]\nfail-under = "lots"\n', 'm.py': 'x = 1\n' });
    try {
      const host = new RecordingHost();
      const session = track(new DocbitsSession(host, sessionOptions([root], { debounceMs: 0 })));
      const uri = pathToFileURL(path.join(root, 'm.py')).href;
      const configUri = pathToFileURL(path.join(root, 'pyproject.toml')).href;
      session.open(uri, 1, 'x = 1\n');
      await settle();
      session.change(uri, 2, [{ text: 'y = 2\n' }]);
      await settle();
      const onConfig = host.published.filter((p) => p.uri === configUri);
      assert.strictEqual(onConfig.length, 1);
      assert.match(onConfig[0].diagnostics[0].message, /fail-under/);
      fs.writeFileSync(path.join(root, 'pyproject.toml'), '[tool.interrogate]\nfail-under = 50\n');
      session.filesChanged([path.join(root, 'pyproject.toml')]);
      await settle();
      assert.deepStrictEqual(host.published.filter((p) => p.uri === configUri).map((p) => p.diagnostics.length), [1, 0]);
      assert.strictEqual((await session.fileCoverage(uri)).failUnder, 50);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('shows [tool.pydoclint] problems on pyproject.toml only while quality checks are asked for', async () => {
    const root = tmpProject({ 'pyproject.toml': '[tool.interrogate]\nfail-undr = 50\n\n[tool.pydoclint]\nchek-arg-order = true\n', 'm.py': 'x = 1\n' });
    try {
      let settings: Record<string, unknown> = { quality: { enabled: 'off' } };
      const host = new RecordingHost(() => settings);
      const session = track(new DocbitsSession(host, sessionOptions([root], { debounceMs: 0 })));
      const uri = pathToFileURL(path.join(root, 'm.py')).href;
      const configUri = pathToFileURL(path.join(root, 'pyproject.toml')).href;
      const onConfig = () => host.published.filter((p) => p.uri === configUri).map((p) => p.diagnostics.map((d) => d.message.slice(0, 30)));
      session.open(uri, 1, 'x = 1\n');
      await settle();
      await session.workspaceCoverage({ includeText: false });
      assert.deepStrictEqual(onConfig(), [['Unknown key "fail-undr" in [to']], 'quality off: only the coverage problem');
      settings = { quality: { enabled: 'auto' } };
      session.settingsChanged(undefined);
      await settle();
      assert.deepStrictEqual(onConfig().at(-1), ['Unknown key "fail-undr" in [to', 'Unknown key "chek-arg-order" i']);
      settings = { quality: { enabled: 'off' } };
      session.settingsChanged(undefined);
      await settle();
      assert.deepStrictEqual(onConfig().at(-1), ['Unknown key "fail-undr" in [to'], 'off again: the quality problem goes');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('logs a fault once, keeps serving other documents, and rejects a file coverage request it cannot answer', async () => {
    const host = new RecordingHost();
    const session = track(new DocbitsSession(host, sessionOptions([PROJECT], { debounceMs: 0 })));
    const remote = 'file://fileserver/share/remote.py';
    session.open(remote, 1, 'x = 1\n');
    session.change(remote, 2, [{ text: 'x = 2\n' }]);
    await settle();
    const uri = uriOf('parser.py');
    session.open(uri, 1, read('parser.py'));
    await settle();
    assert.strictEqual(host.last(uri)!.diagnostics.length, 6);
    const errors = host.logs.filter((l) => l.level === 'error' && l.message.includes(remote));
    assert.strictEqual(errors.length, 1, JSON.stringify(host.logs));
    await assert.rejects(session.fileCoverage('untitled:Untitled-1'), InvalidRequestError);
    await assert.rejects(session.fileCoverage(pathToFileURL(path.join(PROJECT, 'no_such_file.py')).href), InvalidRequestError);
  });

  it('shows docstring-quality diagnostics when the project has [tool.pydoclint], per rule group, from the one parse', async () => {
    const source = 'def area(width: int, height: int) -> int:\n    """Area.\n\n    Args:\n        width (int): W.\n    """\n    return width * height\n';
    const root = tmpProject({ 'pyproject.toml': '[tool.pydoclint]\nstyle = "google"\n', 'pkg/mod.py': source });
    try {
      const uri = pathToFileURL(path.join(root, 'pkg', 'mod.py')).href;
      let rules: string[] | undefined;
      const host = new RecordingHost(() => (rules ? { quality: { rules } } : {}));
      const session = track(new DocbitsSession(host, sessionOptions([root], { debounceMs: 0 })));
      const parse = structureModule.parseStructure;
      let parses = 0;
      (structureModule as { parseStructure: typeof parse }).parseStructure = (...args) => {
        if (args[0] === source) parses++;
        return parse(...args);
      };
      try {
        session.open(uri, 1, source);
        await settle();
        const published = host.last(uri)!.diagnostics.filter((d) => d.code?.startsWith('DOC'));
        assert.deepStrictEqual(published.map((d) => d.code), ['DOC101', 'DOC103', 'DOC201', 'DOC203']);
        const missing = published[0];
        assert.strictEqual(missing.message, 'Argument `height` is missing from the docstring of `area`');
        assert.deepStrictEqual(missing.range, { start: { line: 0, character: 21 }, end: { line: 0, character: 27 } }, 'on the parameter');
        assert.strictEqual(missing.severity, 'warning');
        await session.diagnostics(uri);
        assert.strictEqual(parses, 1, 'the quality checks read the parse the coverage made');
      } finally {
        (structureModule as { parseStructure: typeof parse }).parseStructure = parse;
      }
      rules = ['returns'];
      session.settingsChanged(undefined);
      await settle();
      assert.deepStrictEqual(host.last(uri)!.diagnostics.filter((d) => d.code?.startsWith('DOC')).map((d) => d.code), ['DOC201', 'DOC203']);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('counts docstrings with findings per file in the workspace report when quality is on, under its rule groups', async () => {
    // numpy, pydoclint's default style
    const source = 'def area(width: int, height: int) -> int:\n    """Area.\n\n    Parameters\n    ----------\n    width : int\n        W.\n    """\n    return width * height\n';
    const root = tmpProject({ 'pkg/mod.py': source, 'pkg/plain.py': '"""Plain."""\n' });
    try {
      let settings: Record<string, unknown> = {};
      const session = track(new DocbitsSession(new RecordingHost(() => settings), sessionOptions([root], { debounceMs: 0 })));
      const counts = async () => (await session.workspaceCoverage({ includeText: false })).files.map((f) => [f.path, f.docstringsWithFindings]);
      assert.deepStrictEqual(await counts(), [['mod.py', undefined], ['plain.py', undefined]], 'auto, no [tool.pydoclint]: no checks');
      settings = { quality: { enabled: 'on' } };
      session.settingsChanged(undefined);
      assert.deepStrictEqual(await counts(), [['mod.py', 1], ['plain.py', 0]]);
      settings = { quality: { enabled: 'on', rules: ['raises'] } };
      session.settingsChanged(undefined);
      assert.deepStrictEqual(await counts(), [['mod.py', 0], ['plain.py', 0]]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('counts a notebook\'s docstrings with findings in the workspace report, on disk and open with unsaved cells', async () => {
    const notebook = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'notebooks', 'quality.ipynb'), 'utf8');
    const root = tmpProject({ 'pyproject.toml': '[tool.pydoclint]\nstyle = "google"\n', 'areas.ipynb': notebook });
    try {
      const session = track(new DocbitsSession(new RecordingHost(), sessionOptions([root], { debounceMs: 0 })));
      const counts = async () => (await session.workspaceCoverage({ includeText: false })).files.map((f) => [f.path, f.docstringsWithFindings]);
      assert.deepStrictEqual(await counts(), [['areas.ipynb', 1]], 'on disk');
      const raw = JSON.parse(notebook) as { cells: Array<{ cell_type: string; source: string[] | string }> };
      const uri = pathToFileURL(path.join(root, 'areas.ipynb')).href;
      const cell = (i: number): string => `vscode-notebook-cell:${uri.slice('file://'.length)}#c${i}`;
      const texts = raw.cells.map((c, i) => ({
        uri: cell(i), languageId: c.cell_type === 'code' ? 'python' : 'markdown', version: 1,
        // The unsaved text documents its missing parameter: nothing left to find.
        text: (Array.isArray(c.source) ? c.source.join('') : c.source).replace(/(\n(\s*)width \(int\)[^\n]*)/, '$1\n$2height (int): Up.'),
      }));
      assert.ok(texts.some((t) => t.text.includes('height (int): Up.')), 'the fixture documents width, not height');
      session.openNotebook(uri, 1, raw.cells.map((c, i) => ({ kind: c.cell_type === 'code' ? 2 : 1, document: cell(i) })), texts);
      await settle();
      assert.deepStrictEqual(await counts(), [['areas.ipynb', 0]], 'open: its unsaved cells');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('# nodocqa excuses quality findings only while docbits.markers.nodocqa is on, in diagnostics and the report', async () => {
    const source = 'def area(width: int, height: int) -> int:  # nodocqa\n    """Area.\n\n    Args:\n        width (int): W.\n    """\n    return width * height\n';
    const root = tmpProject({ 'pyproject.toml': '[tool.pydoclint]\nstyle = "google"\n', 'pkg/mod.py': source });
    try {
      const uri = pathToFileURL(path.join(root, 'pkg', 'mod.py')).href;
      let settings: Record<string, unknown> = {};
      const host = new RecordingHost(() => settings);
      const session = track(new DocbitsSession(host, sessionOptions([root], { debounceMs: 0 })));
      const docCodes = () => host.last(uri)!.diagnostics.filter((d) => d.code?.startsWith('DOC')).map((d) => d.code);
      const counts = async () => (await session.workspaceCoverage({ includeText: false })).files.map((f) => f.docstringsWithFindings);
      session.open(uri, 1, source);
      await settle();
      assert.deepStrictEqual(docCodes(), []);
      assert.deepStrictEqual(await counts(), [0]);
      settings = { markers: { nodocqa: false } };
      session.settingsChanged(undefined);
      await settle();
      assert.deepStrictEqual(docCodes(), ['DOC101', 'DOC103', 'DOC201', 'DOC203']);
      assert.deepStrictEqual(await counts(), [1]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('measures the workspace with unsaved text, and says when an open file is not measured', async () => {
    const root = tmpProject({
      'pyproject.toml': '[tool.interrogate]\nexclude = ["tests"]\n',
      'pkg/a.py': '"""A."""\n\n\ndef f():\n    pass\n',
      'tests/test_a.py': 'def test():\n    pass\n',
    });
    try {
      const host = new RecordingHost();
      const session = track(new DocbitsSession(host, sessionOptions([root], { debounceMs: 0 })));
      const a = pathToFileURL(path.join(root, 'pkg', 'a.py')).href;
      session.open(a, 1, '"""A."""\n\n\ndef f():\n    """F."""\n');
      const report = await session.workspaceCoverage();
      assert.deepStrictEqual(report.files.map((f) => [f.path, f.covered, f.total]), [['a.py', 2, 2]]);
      const excluded = pathToFileURL(path.join(root, 'tests', 'test_a.py')).href;
      session.open(excluded, 1, 'def test():\n    pass\n');
      await settle();
      assert.deepStrictEqual(host.last(excluded)!.diagnostics, []);
      const coverage = await session.fileCoverage(excluded);
      assert.deepStrictEqual([coverage.measured, coverage.total], [false, 0]);
      assert.strictEqual((await session.fileCoverage(a)).measured, true);
      // Closed, it is read from disk: still not measured, and no counts.
      session.close(excluded);
      assert.deepStrictEqual(await session.fileCoverage(excluded), {
        uri: excluded, total: 0, covered: 0, missed: 0, excused: 0, percent: 100, failUnder: 80, passed: true, measured: false,
        notMeasured: 'excluded',
      });
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('says why a file is not measured: the whitelist, ignore-init-module, a stub, its size, its bytes, its name', async () => {
    const root = tmpProject({
      'pyproject.toml': '[tool.interrogate]\nwhitelist-regex = ["public_"]\nignore-init-module = true\n',
      'pkg/__init__.py': 'def public_f():\n    pass\n',
      'pkg/private.py': 'def helper():\n    pass\n',
      'pkg/public.py': 'def public_f():\n    pass\n',
      'pkg/types.pyi': 'def public_f(): ...\n',
      'pkg/big.py': `def public_f():\n    pass\n${'#'.repeat(2000)}\n`,
      'pkg/bad.py': '# coding: no-such-codec\ndef public_f():\n    pass\n',
      'notes.txt': 'def public_f():\n    pass\n',
    });
    try {
      const session = track(new DocbitsSession(new RecordingHost(() => ({ maxFileSize: 1000 })), sessionOptions([root], { debounceMs: 0 })));
      const uri = (rel: string): string => pathToFileURL(path.join(root, rel)).href;
      const why = async (rel: string): Promise<[boolean, string | undefined]> => {
        const c = await session.fileCoverage(uri(rel));
        return [c.measured, c.notMeasured];
      };
      assert.deepStrictEqual(await why('pkg/public.py'), [true, undefined]);
      assert.deepStrictEqual(await why('pkg/private.py'), [false, 'whitelist']);
      assert.deepStrictEqual(await why('pkg/__init__.py'), [false, 'initModule']);
      assert.deepStrictEqual(await why('pkg/types.pyi'), [false, 'stubFile']);
      assert.deepStrictEqual(await why('pkg/big.py'), [false, 'tooLarge']);
      assert.deepStrictEqual(await why('pkg/bad.py'), [false, 'unreadable']);
      assert.match((await session.fileCoverage(uri('pkg/bad.py'))).notMeasuredDetail ?? '', /no-such-codec/);
      assert.deepStrictEqual(await why('notes.txt'), [false, 'notPython']);
      // Open, the same reasons come from the editor's text.
      session.open(uri('pkg/private.py'), 1, 'def helper():\n    pass\n');
      session.open(uri('pkg/big.py'), 1, 'x = 1\n'.repeat(400));
      await settle();
      assert.deepStrictEqual(await why('pkg/private.py'), [false, 'whitelist']);
      assert.deepStrictEqual(await why('pkg/big.py'), [false, 'tooLarge']);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('lays stubs out at the project’s line length and offers them as snippets', async () => {
    const text = 'def fetch(url, timeout_in_seconds_for_the_request: float = 2.5):\n    pass\n';
    const root = tmpProject({ 'pyproject.toml': '[tool.ruff]\nline-length = 50\n', 'm.py': text });
    try {
      const host = new RecordingHost();
      const session = track(new DocbitsSession(host, sessionOptions([root], { debounceMs: 0 })));
      const uri = pathToFileURL(path.join(root, 'm.py')).href;
      session.open(uri, 1, text);
      await settle();
      const diagnostics = host.last(uri)!.diagnostics.filter((d) => d.message.includes('fetch')).map((d) => ({ ...d, source: 'docbits' }));
      const [stub] = await session.codeActions(uri, diagnostics, ['quickfix']);
      const lines = stub.edits[0].newText.split('\n');
      assert.ok(lines.includes('            Description of'), lines.join('\n'));
      assert.ok(lines.every((l) => l.length <= 50 || l.includes('timeout_in_seconds_for_the_request (float):')), lines.join('\n'));
      assert.ok(stub.snippet?.startsWith('    """${1:Summary of fetch.}'), stub.snippet);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
