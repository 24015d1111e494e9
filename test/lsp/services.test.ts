/** The pure services behind the server and the client: settings, diagnostics, actions, queue, report tree, texts. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { codeActions, kindWanted } from '../../server/src/docs/actions';
import { belowFailUnder, coverageSummary, groupThousands, statusBarText, statusBarTooltip } from '../../server/src/docs/coverageText';
import { coverageDiagnostics } from '../../server/src/docs/diagnostics';
import { inventory } from '../../server/src/docs/inventory';
import { effectiveCoverageOptions, readEditorSettings } from '../../server/src/docs/settings';
import { DEFAULT_OPTIONS } from '../../server/src/docs/types';
import { isCheckedFile } from '../../server/src/workspace/checkedFiles';
import { displayPathOf, filePathOf, folderOf } from '../../server/src/workspace/documents';
import { FaultLog } from '../../server/src/workspace/faultLog';
import { ProjectConfigCache } from '../../server/src/workspace/projectConfig';
import { reportTree } from '../../server/src/workspace/reportTree';
import { Timers, ValidationQueue } from '../../server/src/workspace/validationQueue';

const REPO = path.join(__dirname, '..', '..', '..');

describe('editor settings', () => {
  it('keeps well-formed settings and defaults the rest', () => {
    const s = readEditorSettings({
      ignoreMagic: true, ignorePrivate: 'yes', failUnder: 95, ignoreRegex: '^test_', exclude: ['build', 3],
      severity: 'error', docstringStyle: 'numpy', coverageStyle: 'google', markers: { noqa: false },
      hover: { enabled: false, grouping: 'byte' }, maxFileSize: -1, configPrecedence: 'sideways',
    });
    assert.deepStrictEqual(s.coverage, {
      ignoreMagic: true, failUnder: 95, ignoreRegex: ['^test_'], exclude: ['build'], docstringStyle: 'google',
      markers: { nodocqa: true, noqa: false, pylint: true, docstrCoverage: true },
    });
    assert.strictEqual(s.severity, 'error');
    assert.strictEqual(s.docstringStyle, 'numpy');
    assert.deepStrictEqual(s.hover, { enabled: false, grouping: 'byte' });
    assert.strictEqual(s.maxFileSize, 10 * 1024 * 1024);
    assert.strictEqual(s.configPrecedence, 'projectFile');
    assert.deepStrictEqual(readEditorSettings(null).coverage, {});
  });

  it('lets the project file alone decide by default, and editor settings win key by key on request', () => {
    const project = { found: true, options: { ignoreInitMethod: true, failUnder: 60 } };
    const editor = readEditorSettings({ ignoreMagic: true, failUnder: 90 });
    const fileWins = effectiveCoverageOptions(editor, project);
    assert.deepStrictEqual([fileWins.ignoreInitMethod, fileWins.ignoreMagic, fileWins.failUnder], [true, false, 60]);
    const editorWins = effectiveCoverageOptions({ ...editor, configPrecedence: 'editorSettings' }, project);
    assert.deepStrictEqual([editorWins.ignoreInitMethod, editorWins.ignoreMagic, editorWins.failUnder], [true, true, 90]);
    const noSection = effectiveCoverageOptions(editor, { found: false, options: {} });
    assert.deepStrictEqual([noSection.ignoreMagic, noSection.failUnder], [true, 90]);
    assert.deepStrictEqual(effectiveCoverageOptions(readEditorSettings({}), undefined).failUnder, DEFAULT_OPTIONS.failUnder);
  });

  it('caches the project config per folder until a config file changes', () => {
    let reads = 0;
    const cache = new ProjectConfigCache(() => ({ found: false, options: {}, problems: [], reads: ++reads }));
    cache.forFile('/p/a.py');
    cache.forFile('/p/b.py');
    cache.forFile('/p/sub/c.py');
    assert.strictEqual(reads, 2);
    cache.clear();
    cache.forFile('/p/a.py');
    assert.strictEqual(reads, 3);
    assert.ok(ProjectConfigCache.isConfigFile('/p/pyproject.toml') && ProjectConfigCache.isConfigFile('/p/setup.cfg'));
    assert.ok(!ProjectConfigCache.isConfigFile('/p/a.py'));
  });
});

describe('diagnostics and code actions', () => {
  const text = 'class A:\n    def __init__(self):\n        pass\n\n    def __len__(self):\n        return 0\n\n    def run(self):  # nodocqa\n        """Run."""\n';
  const inv = inventory(text, 'a.py', DEFAULT_OPTIONS);

  it('maps kinds to pydocstyle codes and puts the range on the name', () => {
    const diagnostics = coverageDiagnostics(inv, 'pkg/a.py', 'information');
    assert.deepStrictEqual(diagnostics.map((d) => [d.code, d.message, d.range.start.line, d.range.start.character, d.range.end.character, d.severity]), [
      ['D100', 'Missing docstring in module pkg/a.py', 0, 0, 0, DiagnosticSeverity.Information],
      ['D101', 'Missing docstring in class A', 0, 6, 7, DiagnosticSeverity.Information],
      ['D107', 'Missing docstring in method A.__init__', 1, 8, 16, DiagnosticSeverity.Information],
      ['D105', 'Missing docstring in method A.__len__', 4, 8, 15, DiagnosticSeverity.Information],
      ['unnecessary-marker', 'Unnecessary # nodocqa: A.run has a docstring', 7, 22, 29, DiagnosticSeverity.Hint],
    ]);
  });

  it('offers quick fixes only for diagnostics that still match the text, and filters by kind', () => {
    const diagnostics = coverageDiagnostics(inv, 'a.py', 'warning');
    const init = diagnostics[2];
    const actions = codeActions({ uri: 'file:///a.py', text, inventory: inv, diagnostics: [init], style: 'google' });
    assert.deepStrictEqual(actions.map((a) => a.title), [
      'Add docstring to A.__init__', 'Excuse A.__init__ with # nodocqa', 'Add docstrings to 4 undocumented definitions',
    ]);
    const moved = { ...init, data: { definition: 2, qualname: 'A.__init__' } }; // index 2 is __len__ now
    assert.deepStrictEqual(codeActions({ uri: 'u', text, inventory: inv, diagnostics: [moved], only: ['quickfix'], style: 'google' }), []);
    assert.ok(kindWanted('source.docbits.addAllDocstrings', ['source']));
    assert.ok(!kindWanted('source.docbits.addAllDocstrings', ['quickfix']));
    assert.ok(!kindWanted('sourcex', ['source']));
  });
});

describe('ValidationQueue', () => {
  function fakeTimers(): Timers & { flush(): void; pending: number } {
    const queue = new Map<number, () => void>();
    let next = 0;
    return {
      set: (cb) => { queue.set(++next, cb); return next; },
      clear: (h) => { queue.delete(h as number); },
      flush() { const cbs = [...queue.values()]; queue.clear(); cbs.forEach((cb) => cb()); },
      get pending() { return queue.size; },
    };
  }

  it('coalesces a burst of requests into one check', () => {
    const timers = fakeTimers();
    const runs: string[] = [];
    const queue = new ValidationQueue((uri) => { runs.push(uri); }, 150, timers);
    for (let i = 0; i < 10; i++) queue.request('a');
    queue.request('b');
    assert.strictEqual(timers.pending, 2);
    timers.flush();
    assert.deepStrictEqual(runs, ['a', 'b']);
  });

  it('marks a running check stale when the document changes or closes', async () => {
    const timers = fakeTimers();
    const verdicts: boolean[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    const queue = new ValidationQueue(async (_uri, isCurrent) => { await gate; verdicts.push(isCurrent()); }, 150, timers);
    queue.requestNow('a');          // starts, waits on the gate (like a settings fetch)
    queue.request('a');             // the user typed again
    assert.ok(queue.isPending('a'));
    queue.forget('b');
    release();
    await gate;
    await Promise.resolve();
    assert.deepStrictEqual(verdicts, [false]);
    queue.forget('a');
    assert.ok(!queue.isPending('a'));
  });

  it('survives a check that throws', () => {
    const queue = new ValidationQueue(() => { throw new Error('boom'); }, 0);
    assert.doesNotThrow(() => queue.requestNow('a'));
    const rejecting = new ValidationQueue(() => Promise.reject(new Error('boom')), 0);
    assert.doesNotThrow(() => rejecting.requestNow('a'));
  });
});

describe('documents, faults and the report for people', () => {
  it('finds paths, folders and display names', () => {
    assert.strictEqual(filePathOf('file:///w/p/a%20b.py'), '/w/p/a b.py');
    assert.strictEqual(filePathOf('untitled:Untitled-1'), undefined);
    assert.throws(() => filePathOf('file://server/share/x.py'));
    assert.strictEqual(folderOf('/w/p/sub/x.py', ['/w', '/w/p']), '/w/p');
    assert.strictEqual(folderOf('/w/px/x.py', ['/w/p']), undefined);
    assert.strictEqual(displayPathOf('file:///w/p/pkg/m.py', '/w/p/pkg/m.py', ['/w/p']), 'pkg/m.py');
    assert.strictEqual(displayPathOf('file:///else/m.py', '/else/m.py', ['/w/p']), 'm.py');
    assert.strictEqual(displayPathOf('untitled:Untitled-1', undefined, []), 'Untitled-1');
  });

  it('checks only the files a scan would measure', () => {
    const options = { ...DEFAULT_OPTIONS, exclude: ['/w/p/build'], ignoreInitModule: true };
    assert.ok(isCheckedFile('/w/p/a.py', options, ['/w/p']));
    assert.ok(!isCheckedFile('/w/p/build/a.py', options, ['/w/p']));
    assert.ok(!isCheckedFile('/w/p/.venv/lib/a.py', options, ['/w/p']));
    assert.ok(!isCheckedFile('/w/p/pkg/__init__.py', options, ['/w/p']));
    assert.ok(!isCheckedFile('/w/p/a.pyi', options, ['/w/p']));
    assert.ok(isCheckedFile('/w/p/script', options, ['/w/p']));
    assert.ok(isCheckedFile(undefined, options, []));
  });

  it('logs the same fault once', () => {
    const log = new FaultLog();
    assert.match(log.describe('hover', 'file:///a.py', new Error('bad'))!, /^docbits: internal error in hover for file:\/\/\/a\.py: bad/);
    assert.strictEqual(log.describe('hover', 'file:///a.py', new Error('bad')), undefined);
    assert.ok(log.describe('hover', 'file:///b.py', new Error('bad')));
  });

  it('writes the summary, status bar and tooltip texts', () => {
    const totals = { total: 1414, covered: 1234, missed: 180, excused: 3 };
    assert.strictEqual(coverageSummary(totals, 80), 'Docstring coverage 87.3% (1,234 of 1,414) — PASSED (minimum 80%)');
    assert.strictEqual(coverageSummary({ total: 4, covered: 1, missed: 3, excused: 0 }, 87.5), 'Docstring coverage 25.0% (1 of 4) — FAILED (minimum 87.5%)');
    assert.strictEqual(groupThousands(1234567), '1,234,567');
    assert.strictEqual(statusBarText({ total: 25, covered: 18, missed: 7, excused: 0 }), '$(book) 72%');
    assert.strictEqual(statusBarTooltip('a.py', { total: 4, covered: 3, missed: 1, excused: 2 }, 80, { ...totals, failUnder: 80 }),
      'Docstring coverage of a.py: 75.0% (minimum 80%)\n3 covered, 1 missing, 2 excused\nWorkspace: 87.3% (1,234 of 1,414) — PASSED (minimum 80%)');
    assert.ok(belowFailUnder({ total: 4, covered: 3, missed: 1, excused: 0 }, 80));
  });

  it('builds the report tree: folders, files with percentages, missing definitions with lines', () => {
    const tree = reportTree({
      root: '/w',
      folders: [
        { folder: '/w/a', root: '/w/a', failUnder: 80, passed: false, totals: { total: 3, covered: 1, missed: 2, excused: 0, percent: 33.3 }, error: null },
        { folder: '/w/b', root: '/w/b', failUnder: 80, passed: true, totals: { total: 0, covered: 0, missed: 0, excused: 0, percent: 100 }, error: null },
      ],
      files: [{
        path: 'a/pkg/m.py', total: 3, covered: 1, missed: 2, excused: 0, error: null,
        nodes: [
          { kind: 'module', qualname: 'm.py', line: 1, column: 0, status: 'missed' },
          { kind: 'function', qualname: 'f', line: 3, column: 0, status: 'covered' },
          { kind: 'method', qualname: 'C.g', line: 7, column: 4, status: 'missed' },
        ],
      }],
    });
    assert.deepStrictEqual(tree.map((f) => [f.label, f.description]), [['a', '33.3% · 2 missing']]);
    const file = tree[0].children[0];
    assert.deepStrictEqual([file.label, file.description, file.path], ['pkg/m.py', '33.3% · 2 missing', '/w/a/pkg/m.py']);
    assert.deepStrictEqual(file.children.map((d) => [d.label, d.description, d.line]), [['(module)', 'module · L1', 0], ['C.g', 'method · L7', 6]]);
  });
});

describe('skip-marker grammar', () => {
  const grammar = JSON.parse(fs.readFileSync(path.join(REPO, 'syntaxes', 'docbits-markers.injection.tmLanguage.json'), 'utf8'));
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
  /** The grammar's regexes use Oniguruma's leading `(?i)`; JS spells it as a flag. */
  const compile = (source: string): RegExp => new RegExp(source.replace(/^\(\?i\)/, ''), source.startsWith('(?i)') ? 'i' : '');
  const rules = Object.entries(grammar.repository as Record<string, { match: string }>).map(([name, r]) => ({ name, re: compile(r.match) }));
  const markersIn = (comment: string): string[] => rules.flatMap(({ name, re }) => {
    const m = re.exec(comment);
    return m ? [`${name}:${m[0].trim()}`] : [];
  });

  it('is injected into Python comments by package.json', () => {
    assert.strictEqual(grammar.injectionSelector, 'L:comment.line.number-sign.python');
    assert.ok(pkg.contributes.grammars.some((g: { scopeName: string; injectTo: string[]; path: string }) =>
      g.scopeName === grammar.scopeName && g.injectTo.includes('source.python') && fs.existsSync(path.join(REPO, g.path))));
  });

  it('highlights every marker form and nothing else', () => {
    assert.deepStrictEqual(markersIn('# nodocqa'), ['nodocqa:nodocqa']);
    assert.deepStrictEqual(markersIn('#NoDocQA'), ['nodocqa:NoDocQA']);
    assert.deepStrictEqual(markersIn('# nodocqa: file'), ['nodocqa:nodocqa: file']);
    assert.deepStrictEqual(markersIn('# type: ignore  # nodocqa'), ['nodocqa:nodocqa']);
    assert.deepStrictEqual(markersIn('# noqa'), ['noqa:noqa']);
    assert.deepStrictEqual(markersIn('# noqa: D103, E501'), ['noqa:noqa: D103, E501']);
    assert.deepStrictEqual(markersIn('# pylint: disable=missing-function-docstring'), ['pylint:pylint: disable=missing-function-docstring']);
    assert.deepStrictEqual(markersIn('# pylint: disable=C0116,too-many-locals'), ['pylint:pylint: disable=C0116,too-many-locals']);
    assert.deepStrictEqual(markersIn('# docstr-coverage:excused `legacy`'), ['docstr-coverage:docstr-coverage:excused']);
    assert.deepStrictEqual(markersIn('# docstr-coverage: inherited'), ['docstr-coverage:docstr-coverage: inherited']);
    assert.deepStrictEqual(markersIn('# nodocqa-ish is not a marker'), []);
    assert.deepStrictEqual(markersIn('# pylint: disable=too-many-locals'), []);
    assert.deepStrictEqual(markersIn('# an ordinary comment about noqa'), []);
  });
});
