/** coverage/reportTree.ts: the report view's tree: nesting, sorting, the fail-under filter, incremental updates. */
import * as assert from 'assert';
import type { JsonFile, JsonNode } from '../../server/src/coverage/report';
import { ReportTreeModel, ReportTreeNode, reportTree } from '../../server/src/coverage/reportTree';
import type { FolderReport } from '../../server/src/workspace/workspaceCoverage';

function file(p: string, covered: number, missing: string[], error: string | null = null): JsonFile {
  const nodes: JsonNode[] = missing.map((q, i) => ({ kind: q === '(module)' ? 'module' : 'function', qualname: q, line: 10 * (i + 1), column: 0, status: 'missed' }));
  for (let i = 0; i < covered; i++) nodes.push({ kind: 'function', qualname: `ok${i}`, line: 1000 + i, column: 0, status: 'covered' });
  return { path: p, total: error ? 0 : covered + missing.length, covered: error ? 0 : covered, missed: error ? 0 : missing.length, excused: 0, error, nodes };
}

function folder(p: string, failUnder = 80): FolderReport {
  return { folder: p, root: p, failUnder, passed: false, totals: { total: 0, covered: 0, missed: 0, excused: 0, percent: 0 }, error: null };
}

/** `label (description)` per row, depth-first, indented by depth: what the view would show fully expanded. */
function rows(nodes: ReportTreeNode[]): string[] {
  const out: string[] = [];
  const stack = [...nodes].reverse().map((n) => ({ n, depth: 0 }));
  while (stack.length) {
    const { n, depth } = stack.pop()!;
    out.push(`${'  '.repeat(depth)}${n.label} (${n.description})`);
    for (const c of [...n.children].reverse()) stack.push({ n: c, depth: depth + 1 });
  }
  return out;
}

const REPORT = {
  root: '/w',
  folders: [folder('/w/app')],
  files: [
    file('app/src/pkg/core.py', 1, ['run', 'stop', 'C.m']),
    file('app/src/pkg/util.py', 3, []),
    file('app/src/pkg/deep/x/y.py', 0, ['(module)']),
    file('app/setup.py', 1, ['main']),
    file('app/src/pkg/bad.py', 0, [], "cannot decode: 'utf-8' codec can't decode byte 0xff"),
  ],
};

describe('report tree', () => {
  it('nests folders, compacts single-folder chains, sums folders and formats counts as the summary does', () => {
    assert.deepStrictEqual(rows(reportTree(REPORT)), [
      'app (50.0% · 5 missing)',
      '  src/pkg (50.0% · 4 missing)',
      '    deep/x (0.0% · 1 missing)',
      '      y.py (0.0% · 1 missing)',
      '        (module) (module · L10)',
      '    bad.py (not measured: cannot decode: \'utf-8\' codec can\'t decode byte 0xff)',
      '    core.py (25.0% · 3 missing)',
      '      run (function · L10)',
      '      stop (function · L20)',
      '      C.m (function · L30)',
      '    util.py (100.0% · 0 missing)',
      '  setup.py (50.0% · 1 missing)',
      '    main (function · L10)',
    ]);
    const big = reportTree({ root: '/w', folders: [folder('/w/app')], files: [file('app/m.py', 1, Array.from({ length: 1234 }, (_, i) => `f${i}`))] });
    assert.strictEqual(big[0].children[0].description, '0.1% · 1,234 missing');
    const core = reportTree(REPORT)[0].children[0].children[2];
    assert.deepStrictEqual([core.id, core.path, core.children[0].line], ['/w/app/src/pkg/core.py', '/w/app/src/pkg/core.py', 9]);
  });

  it('sorts by missing count or by coverage, folders before files, and filters to files below fail-under', () => {
    const names = (nodes: ReportTreeNode[]) => nodes.map((n) => n.label);
    const model = new ReportTreeModel();
    model.update(REPORT);
    const byMissing = model.roots({ sort: 'missing', onlyBelowFailUnder: false });
    assert.deepStrictEqual(names(byMissing[0].children), ['src/pkg', 'setup.py']);
    assert.deepStrictEqual(names(byMissing[0].children[0].children), ['deep/x', 'core.py', 'bad.py', 'util.py']);
    const byCoverage = model.roots({ sort: 'coverage', onlyBelowFailUnder: false });
    assert.deepStrictEqual(names(byCoverage[0].children[0].children), ['deep/x', 'bad.py', 'core.py', 'util.py']);
    const files = (nodes: ReportTreeNode[]): string[] => {
      const out: string[] = [];
      const stack = [...nodes].reverse();
      while (stack.length) {
        const n = stack.pop()!;
        if (n.kind === 'file') out.push(n.label);
        stack.push(...[...n.children].reverse());
      }
      return out;
    };
    const below = model.roots({ sort: 'path', onlyBelowFailUnder: true });
    assert.deepStrictEqual(files(below), ['y.py', 'bad.py', 'core.py', 'setup.py'], 'util.py (100%) is left out, bad.py (unreadable) kept');
    const lenient = new ReportTreeModel();
    lenient.update({ ...REPORT, folders: [folder('/w/app', 20)] });
    assert.deepStrictEqual(names(lenient.roots({ sort: 'path', onlyBelowFailUnder: true })[0].children[0].children), ['deep/x', 'bad.py']);
  });

  it('takes a new report incrementally: only changed files get new rows, and it says which', () => {
    const model = new ReportTreeModel();
    assert.deepStrictEqual(model.update(REPORT), { added: REPORT.files.map((f) => `/w/${f.path}`), changed: [], removed: [] });
    const before = model.roots({ sort: 'path', onlyBelowFailUnder: false });
    const fixed = { ...REPORT, files: [file('app/src/pkg/core.py', 2, ['stop', 'C.m']), ...REPORT.files.slice(1, 4), file('app/src/new.py', 1, [])] };
    assert.deepStrictEqual(model.update(fixed), {
      added: ['/w/app/src/new.py'], changed: ['/w/app/src/pkg/core.py'], removed: ['/w/app/src/pkg/bad.py'],
    });
    const after = model.roots({ sort: 'path', onlyBelowFailUnder: false });
    const find = (nodes: ReportTreeNode[], label: string): ReportTreeNode => {
      const stack = [...nodes];
      while (stack.length) {
        const n = stack.pop()!;
        if (n.label === label) return n;
        stack.push(...n.children);
      }
      throw new Error(`no ${label}`);
    };
    assert.deepStrictEqual(find(after, 'core.py').children.map((d) => d.label), ['stop', 'C.m']);
    assert.strictEqual(find(after, 'setup.py').children, find(before, 'setup.py').children, 'an unchanged file keeps its rows');
    assert.notStrictEqual(find(after, 'core.py').children, find(before, 'core.py').children);
    assert.strictEqual(find(after, 'src').description, '66.7% · 3 missing', 'new.py 1/1, core.py 2/4, util.py 3/3, y.py 0/1');
    assert.deepStrictEqual(model.update(fixed), { added: [], changed: [], removed: [] });
  });

  it('shows how many docstrings of a file have findings, when quality is checked, and takes a new count as a change', () => {
    const checked = (n: number | undefined): typeof REPORT => ({
      ...REPORT, files: REPORT.files.map((f) => (f.path.endsWith('core.py') && n !== undefined ? { ...f, docstringsWithFindings: n } : f)),
    });
    const model = new ReportTreeModel();
    model.update(checked(3));
    const core = (): ReportTreeNode => {
      const stack = model.roots({ sort: 'path', onlyBelowFailUnder: false });
      for (let n = stack.pop(); n; n = stack.pop()) {
        if (n.label === 'core.py') return n;
        stack.push(...n.children);
      }
      throw new Error('no core.py');
    };
    assert.strictEqual(core().description, '25.0% · 3 missing · 3 with findings');
    assert.match(core().tooltip, /\n3 docstrings with findings$/);
    assert.deepStrictEqual(model.update(checked(1)).changed, ['/w/app/src/pkg/core.py']);
    assert.match(core().tooltip, /\n1 docstring with findings$/);
    model.update(checked(0));
    assert.strictEqual(core().description, '25.0% · 3 missing', 'none: nothing shown');
    model.update(checked(undefined));
    assert.strictEqual(core().description, '25.0% · 3 missing');
  });

  it('puts a file in the innermost workspace folder that holds it, and nests folders as deep as a path can go (PATH_MAX) without recursion', () => {
    const nested = reportTree({ root: '/w', folders: [folder('/w'), folder('/w/inner')], files: [file('inner/a.py', 1, []), file('b.py', 1, [])] });
    assert.deepStrictEqual(nested.map((n) => [n.label, n.children.map((c) => c.label)]), [['w', ['b.py']], ['inner', ['a.py']]]);
    const deep = Array.from({ length: 2000 }, () => 'd').join('/');
    const tree = reportTree({ root: '/w', folders: [folder('/w')], files: [file(`${deep}/m.py`, 0, ['f']), file(`${deep}/n.py`, 1, [])] });
    assert.strictEqual(tree[0].children[0].label, deep);
  });
  it('per-path thresholds: a file is judged, filtered and described by its longest prefix\'s minimum', () => {
    const perPath = [{ prefix: '/w/app/src/', failUnder: 95 }, { prefix: '/w/app/src/pkg/deep/', failUnder: 0 }];
    const report = { ...REPORT, folders: [{ ...folder('/w/app', 20), perPath }] };
    const tree = reportTree(report, { sort: 'path', onlyBelowFailUnder: true });
    // util.py (100%) passes 95; deep/x/y.py (0%) passes 0; setup.py (50%) passes the folder's 20; core.py (25%) fails 95.
    const listed = rows(tree).filter((r) => r.includes('.py'));
    assert.ok(listed.some((r) => r.includes('core.py')), listed.join('\n'));
    assert.ok(!listed.some((r) => /util\.py|y\.py|setup\.py/.test(r)), listed.join('\n'));
    const core = findFile(reportTree(report), '/w/app/src/pkg/core.py')!;
    assert.match(core.tooltip, /\(minimum 95%\)/);
    assert.match(core.tooltip, /the minimum of per-path "src\/"$/);
    // Keys written in a pyproject.toml above the workspace folder are named from there.
    const above = { ...REPORT, folders: [{ ...folder('/w/app', 20), perPath, perPathFolder: '/w' }] };
    assert.match(findFile(reportTree(above), '/w/app/src/pkg/core.py')!.tooltip, /the minimum of per-path "app\/src\/"$/);
  });
});

function findFile(nodes: ReportTreeNode[], id: string): ReportTreeNode | undefined {
  const stack = [...nodes];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.id === id) return n;
    stack.push(...n.children);
  }
  return undefined;
}
