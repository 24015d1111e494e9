import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import {
  buildReport,
  formatJson,
  formatTable,
  formatTextReport,
  passed,
  percent,
  resultLine,
  shownPercent,
  sep,
  sortFiles,
  sumTotals,
} from '../../server/src/coverage/report';
import { CoverageNode, FileCoverage, NodeKind, NodeStatus } from '../../server/src/coverage/types';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'report');

function loadFiles(name: string): FileCoverage[] {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as FileCoverage[];
}

function golden(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, `${name}.txt`), 'utf8');
}

function node(kind: NodeKind, qualname: string, line: number, level: number, status: NodeStatus, counted = status !== 'excused'): CoverageNode {
  return { kind, name: qualname.split('.').pop()!, qualname, line, column: 0, level, status, counted };
}

function file(p: string, nodes: CoverageNode[], error: string | null = null): FileCoverage {
  const counted = nodes.filter((n) => n.counted);
  const covered = counted.filter((n) => n.status === 'covered').length;
  return {
    path: p,
    error,
    nodes,
    total: counted.length,
    covered,
    missed: counted.length - covered,
    excused: nodes.filter((n) => n.status === 'excused').length,
  };
}

const BASE = '/home/me/proj';


describe('report: pass/fail and the RESULT line', () => {
  it('computes percent, with 100 for nothing counted', () => {
    assert.strictEqual(percent({ total: 0, covered: 0 }), 100);
    assert.strictEqual(percent({ total: 3, covered: 2 }), (2 / 3) * 100);
    assert.deepStrictEqual(sumTotals([]), { total: 0, covered: 0, missed: 0, excused: 0, percent: 100 });
  });

  it('judges fail-under on the exact counts, not a rounded percentage (interrogate#186)', () => {
    const of = (covered: number, total: number) => ({ covered, total });
    assert.strictEqual(passed(100, of(4001, 4002)), false); // 99.975%: interrogate rounds it to 100.0 and passes
    assert.strictEqual(passed(100, of(4002, 4002)), true);
    assert.strictEqual(passed(80, of(1599, 2000)), false); // 79.95%
    assert.strictEqual(passed(80, of(1600, 2000)), true); // exactly 80
    assert.strictEqual(passed(66.7, of(2, 3)), false);
    assert.strictEqual(passed(66.66, of(2, 3)), true);
    assert.strictEqual(passed(48.3, of(483, 1000)), true); // equal passes (interrogate#114)
    assert.strictEqual(passed(33.3, of(333, 1000)), true); // 33.3 is not exactly representable: read as written
    assert.strictEqual(passed(1e-5, of(0, 5)), false);
    assert.strictEqual(passed(0, of(0, 5)), true);
    assert.strictEqual(passed(100, of(0, 0)), true); // nothing counted is 100%
    assert.strictEqual(passed(100.5, of(0, 0)), false);
  });

  it('writes fail-under as a Python float and actual with one decimal, cut where rounding would contradict the verdict', () => {
    const of = (covered: number, total: number) => ({ covered, total });
    assert.strictEqual(resultLine(80, of(97, 100)), 'RESULT: PASSED (minimum: 80.0%, actual: 97.0%)');
    assert.strictEqual(resultLine(80, of(0, 0)), 'RESULT: PASSED (minimum: 80.0%, actual: 100.0%)');
    assert.strictEqual(resultLine(100, of(4001, 4002)), 'RESULT: FAILED (minimum: 100.0%, actual: 99.9%)');
    assert.strictEqual(resultLine(80, of(1599, 2000)), 'RESULT: FAILED (minimum: 80.0%, actual: 79.9%)');
    assert.strictEqual(resultLine(66.7, of(2, 3)), 'RESULT: FAILED (minimum: 66.7%, actual: 66.6%)');
    assert.strictEqual(resultLine(95.55, of(95544, 100000)), 'RESULT: FAILED (minimum: 95.55%, actual: 95.5%)');
    assert.strictEqual(resultLine(48.35, of(4835, 10000)), 'RESULT: PASSED (minimum: 48.35%, actual: 48.4%)');
    assert.strictEqual(shownPercent(0.06, of(59, 100000)), '0.05'); // 0.059% fails; "0.1" would read as a pass
  });
});

describe('report: layout primitives', () => {
  it('draws py.io separator rules', () => {
    assert.strictEqual(sep('=', 80), '='.repeat(80));
    assert.strictEqual(sep('-', 20, 'Summary'), '----- Summary ------'); // N = (20-7-2)//2 = 5, one more fits
    assert.strictEqual(sep('-', 10, 'a title longer than the line'), '- a title longer than the line -');
    assert.strictEqual(sep('=', 11, 'abc'), '=== abc ===');
  });

  it('does not pad rows wider than the terminal (negative extra padding)', () => {
    const rows = formatTable([['Name', 'Status'], ['---'], ['x'.repeat(90), 'MISSED']], ['left', 'right'], 80);
    assert.deepStrictEqual(rows, [
      `| Name${' '.repeat(86)} | Status |`,
      `|${'-'.repeat(92)}|--------|`,
      `| ${'x'.repeat(90)} | MISSED |`,
    ]);
  });

  it('sorts files by directory, then by path', () => {
    const names = sortFiles(['pkg/z.py', 'b.py', 'pkg/sub/a.py', 'a.py', 'pkg-x/a.py', 'pkg/a.py'].map((p) => ({ path: p })));
    assert.deepStrictEqual(names.map((f) => f.path), ['a.py', 'b.py', 'pkg/a.py', 'pkg/z.py', 'pkg-x/a.py', 'pkg/sub/a.py']);
  });
});

describe('report: interrogate text output (goldens)', () => {
  // The goldens in test/fixtures/report were derived from interrogate's algorithm (tabulate widths, one space
  // of padding, the row formatter spreading the rest of the 80 columns, py.io's sep) and checked against the
  // real python-tabulate and py.io TerminalWriter driven by interrogate's formatter.
  const cases: { fixture: string; golden: string; verbosity: number; omit?: boolean; width?: number; failUnder?: number }[] = [
    { fixture: 'sample', golden: 'sample.q', verbosity: 0 },
    { fixture: 'sample', golden: 'sample.v', verbosity: 1 },
    { fixture: 'sample', golden: 'sample.vv', verbosity: 2 },
    { fixture: 'sample', golden: 'sample.vv-w60', verbosity: 2, width: 60, failUnder: 60 },
    { fixture: 'omit', golden: 'omit.vv-omit', verbosity: 2, omit: true },
    { fixture: 'omit', golden: 'omit.v-omit', verbosity: 1, omit: true },
    { fixture: 'ignore-module', golden: 'ignore-module.vv', verbosity: 2 },
    { fixture: 'long-names', golden: 'long-names.vv', verbosity: 2 },
    { fixture: 'single', golden: 'single.v', verbosity: 1 },
  ];
  for (const c of cases) {
    it(c.golden, () => {
      const text = formatTextReport(loadFiles(c.fixture), {
        failUnder: c.failUnder ?? 80,
        omitCoveredFiles: c.omit ?? false,
        verbosity: c.verbosity,
        base: BASE,
        width: c.width,
      });
      assert.strictEqual(text, golden(c.golden));
    });
  }

  it('prints the summary of -v with the widths worked out', () => {
    // Name column 15 wide ("pkg/__init__.py"), Total 5, Miss 4, Cover 5, Cover% 6; padded 17+7+6+7+8 = 45,
    // plus 6 bars = 51; 29 left: 5 per cell, the 4 over go to the first cell (17 + 5 + 4 = 26).
    const lines = golden('sample.v').split('\n');
    assert.strictEqual(lines[2], '| Name                     |      Total |      Miss |      Cover |      Cover% |');
    assert.strictEqual(lines[2].split('|')[1].length, 26);
    assert.ok(lines.slice(0, -1).every((l) => l.length === 80 || l.startsWith('RESULT')));
  });

  it('with every file fully covered and omitted: no detailed table, no second rule', () => {
    const files = [
      file('done.py', [node('module', 'done.py', 1, 0, 'covered')]),
      file('pkg/also_done.py', [node('module', 'also_done.py', 1, 0, 'covered'), node('function', 'f', 3, 1, 'covered')]),
    ];
    const text = formatTextReport(files, { failUnder: 80, omitCoveredFiles: true, verbosity: 2, base: BASE });
    assert.strictEqual(
      text,
      [
        '========================= Coverage for /home/me/proj/ ==========================',
        '----------------------------------- Summary ------------------------------------',
        '| Name             |        Total |        Miss |        Cover |        Cover% |',
        '|------------------|--------------|-------------|--------------|---------------|',
        '| TOTAL            |            3 |           0 |            3 |        100.0% |',
        '|------------------------------------------------------------------------------|',
        '|               (2 of 2 files omitted due to complete coverage)                |',
        '--------------- RESULT: PASSED (minimum: 80.0%, actual: 100.0%) ----------------',
        '',
      ].join('\n'),
    );
  });

  it('--only-missing: the detailed table lists only missing definitions, under their file\'s name', () => {
    const files = [
      file('a.py', [node('module', 'a.py', 1, 0, 'covered'), node('function', 'f', 3, 1, 'missed'), node('function', 'g', 7, 1, 'excused'),
        node('class', 'C', 9, 1, 'covered')]),
      file('b.py', [node('module', 'b.py', 1, 0, 'missed'), node('function', 'h', 2, 1, 'missed')]),
      file('done.py', [node('module', 'done.py', 1, 0, 'covered')]),
    ];
    const text = formatTextReport(files, { failUnder: 80, omitCoveredFiles: false, onlyMissing: true, verbosity: 2, base: BASE, width: 60 });
    const detailed = text.split('\n').slice(2, text.split('\n').findIndex((l) => l.includes('Summary')) - 1);
    assert.deepStrictEqual(detailed.map((l) => l.replace(/ +/g, ' ').replace(/-+/g, '-')), [
      '| Name | Status |', '|-|-|',
      '| a.py | |', '| f (L3) | MISSED |', '|-|-|',
      '| b.py (module) | MISSED |', '| h (L2) | MISSED |', '|-|-|',
    ]);
    // The summary and the verdict are those of every file.
    assert.ok(text.includes('done.py') && text.includes('TOTAL'), text);
  });

  it('says "file" when the one file scanned was omitted', () => {
    const files = [file('pkg/done.py', [node('module', 'done.py', 1, 0, 'covered')])];
    const text = formatTextReport(files, { failUnder: 80, omitCoveredFiles: true, verbosity: 1, base: BASE });
    assert.ok(text.includes('(1 of 1 file omitted due to complete coverage)'), text);
  });

  it('with no files: TOTAL 0 at 100.0% and PASSED', () => {
    const text = formatTextReport([], { failUnder: 80, omitCoveredFiles: false, verbosity: 2, base: BASE });
    assert.strictEqual(
      text,
      [
        '========================= Coverage for /home/me/proj/ ==========================',
        '----------------------------------- Summary ------------------------------------',
        '| Name             |        Total |        Miss |        Cover |        Cover% |',
        '|------------------|--------------|-------------|--------------|---------------|',
        '| TOTAL            |            0 |           0 |            0 |        100.0% |',
        '--------------- RESULT: PASSED (minimum: 80.0%, actual: 100.0%) ----------------',
        '',
      ].join('\n'),
    );
    assert.strictEqual(formatTextReport([], { failUnder: 80, omitCoveredFiles: false, verbosity: 0, base: BASE }), 'RESULT: PASSED (minimum: 80.0%, actual: 100.0%)\n');
  });

  it('rounds file percentages half to even ({:.0f}): 5 of 8 is 62%', () => {
    const nodes = [node('module', 'm.py', 1, 0, 'covered')];
    for (let i = 0; i < 7; i++) nodes.push(node('function', `f${i}`, i + 2, 1, i < 4 ? 'covered' : 'missed'));
    const text = formatTextReport([file('m.py', nodes), file('n.py', [node('module', 'n.py', 1, 0, 'covered')])], {
      failUnder: 80, omitCoveredFiles: false, verbosity: 1, base: BASE,
    });
    assert.ok(/\| m\.py .*\|\s+62% \|/.test(text), text);
  });

  it('leaves out files with nothing to report (unreadable ones) but counts them for the one-file rule', () => {
    const files = [file('bad.py', [], 'cannot decode'), file('pkg/good.py', [node('module', 'good.py', 1, 0, 'covered')])];
    const text = formatTextReport(files, { failUnder: 80, omitCoveredFiles: false, verbosity: 1, base: BASE });
    assert.ok(!text.includes('bad.py'));
    assert.ok(text.includes('| pkg/good.py'));
  });

  it('colours rows and the RESULT rule as interrogate does on a terminal', () => {
    const files = loadFiles('sample');
    const red = (text: string) => `\x1b[31m${text}\x1b[0m`;
    const failed = formatTextReport(files, { failUnder: 80, omitCoveredFiles: false, verbosity: 2, base: BASE, color: true });
    const plain = formatTextReport(files, { failUnder: 80, omitCoveredFiles: false, verbosity: 2, base: BASE }).split('\n');
    const lines = failed.split('\n');
    const strip = (line: string) => line.replace(/\x1b\[\d+m/g, '');
    assert.deepStrictEqual(lines.map(strip), plain, 'colours add escapes, never move text');
    assert.strictEqual(lines[lines.length - 2], red(sep('-', 80, 'RESULT: FAILED (minimum: 80.0%, actual: 62.5%)')));
    for (const line of lines) {
      const text = strip(line);
      const colours = new Set([...line.matchAll(/\x1b\[(3\d)m/g)].map((m) => m[1]));
      const expected = /\| +MISSED \|$/.test(text) ? ['31'] : /\| +COVERED \|$/.test(text) ? ['32']
        : /^\| \S.* \| +(\d+(\.\d)?)% \|$/.test(text) ? [Number(/(\d+(?:\.\d)?)% \|$/.exec(text)![1]) < 80 ? '31' : '32']
          : text.startsWith('-- RESULT') || /^-+ RESULT/.test(text) ? ['31'] : [];
      assert.deepStrictEqual([...colours], expected, text);
    }
    const quiet = formatTextReport(files, { failUnder: 50, omitCoveredFiles: false, verbosity: 0, base: BASE, color: true });
    assert.ok(!quiet.includes('\x1b['), 'the bare RESULT line is never coloured (interrogate prints it with line())');
  });
});

describe('report: --json', () => {
  const files = [
    file('pkg/mod.py', [
      node('module', 'mod.py', 1, 0, 'missed', false),
      { ...node('class', 'Outer', 3, 1, 'covered'), column: 0 },
      { ...node('method', 'Outer.method', 12, 2, 'excused'), column: 4 },
      { ...node('method', 'Outer.other', 15, 2, 'missed'), column: 4 },
    ]),
    file('a.py', [], 'cannot decode: invalid start byte'),
  ];

  it('builds the object in the documented shape and order', () => {
    const report = buildReport(files, { failUnder: 80 }, '/home/me/proj');
    assert.deepStrictEqual(Object.keys(report), ['version', 'root', 'failUnder', 'passed', 'totals', 'files']);
    assert.deepStrictEqual(Object.keys(report.totals), ['total', 'covered', 'missed', 'excused', 'percent']);
    assert.deepStrictEqual(Object.keys(report.files[0]), ['path', 'total', 'covered', 'missed', 'excused', 'error', 'nodes']);
    assert.strictEqual(report.passed, false);
    assert.deepStrictEqual(report.files.map((f) => f.path), ['a.py', 'pkg/mod.py']);
    // The uncounted module (ignore-module) is left out; the excused method stays.
    assert.deepStrictEqual(report.files[1].nodes.map((n) => n.qualname), ['Outer', 'Outer.method', 'Outer.other']);
  });

  it('prints one line of JSON with Python-style floats', () => {
    const text = formatJson(buildReport(files, { failUnder: 80 }, '/home/me/proj'));
    assert.strictEqual(
      text,
      '{"version": 1, "root": "/home/me/proj", "failUnder": 80.0, "passed": false, ' +
        '"totals": {"total": 2, "covered": 1, "missed": 1, "excused": 1, "percent": 50.0}, ' +
        '"files": [{"path": "a.py", "total": 0, "covered": 0, "missed": 0, "excused": 0, "error": "cannot decode: invalid start byte", "nodes": []}, ' +
        '{"path": "pkg/mod.py", "total": 2, "covered": 1, "missed": 1, "excused": 1, "error": null, "nodes": [' +
        '{"kind": "class", "qualname": "Outer", "line": 3, "column": 0, "status": "covered"}, ' +
        '{"kind": "method", "qualname": "Outer.method", "line": 12, "column": 4, "status": "excused"}, ' +
        '{"kind": "method", "qualname": "Outer.other", "line": 15, "column": 4, "status": "missed"}]}]}',
    );
    assert.deepStrictEqual(JSON.parse(text).totals.percent, 50);
  });

  it('writes every string as Python\'s json.dumps does (quotes, backslashes, controls, DEL, non-ASCII, astral)', () => {
    const paths = ['plain/mod.py', 'q"uote.py', 'back\\slash.py', 'tab\tnew\nline\u0001.py', 'del\u007f.py', 'é/ü.py', 'smile\u{1f600}.py'];
    const expected = execFileSync('python3', ['-c', 'import json, sys; [print(json.dumps(p)) for p in json.load(sys.stdin)]'],
      { input: JSON.stringify(paths), encoding: 'utf8' }).trim().split('\n');
    paths.forEach((p, i) => {
      const text = formatJson(buildReport([file(p, [node('module', 'm.py', 1, 0, 'covered')])], { failUnder: 80 }, '/r'));
      assert.ok(text.includes(`"path": ${expected[i]},`), `${JSON.stringify(p)}: want ${expected[i]} in ${text.slice(0, 200)}`);
    });
  });

  it('escapes non-ASCII like json.dumps and stays parseable', () => {
    const text = formatJson(buildReport([file('π/é.py', [node('module', 'é.py', 1, 0, 'covered')])], { failUnder: 95.5 }, '/tmp/ü'));
    assert.ok(text.includes('"root": "/tmp/\\u00fc"'));
    assert.ok(text.includes('"failUnder": 95.5'));
    assert.strictEqual(JSON.parse(text).files[0].path, 'π/é.py');
  });
});

describe('report: scale', () => {
  it('lays out a -vv table of 270,000 rows and a summary of 130,000 files without overflowing the stack', function () {
    this.timeout(60000);
    const nodes = [node('module', 'big.py', 1, 0, 'missed')];
    for (let i = 1; i <= 270_000; i++) nodes.push(node('function', `f${i}`, i + 1, 1, i % 3 === 0 ? 'covered' : 'missed'));
    const detailed = formatTextReport([file('big.py', nodes), file('other.py', [node('module', 'other.py', 1, 0, 'covered')])],
      { failUnder: 80, omitCoveredFiles: false, verbosity: 2, base: '/p' });
    assert.ok(detailed.includes('|   f270000 (L270001) '), 'the last row is there');
    assert.ok(detailed.endsWith('RESULT: FAILED (minimum: 80.0%, actual: 33.3%) ----------------\n'), detailed.slice(-200));
    const files = Array.from({ length: 130_000 }, (_, i) => file(`pkg${i % 100}/m${i}.py`, [node('module', `m${i}`, 1, 0, 'covered')]));
    const summary = formatTextReport(files, { failUnder: 80, omitCoveredFiles: false, verbosity: 1, base: '/p' });
    assert.strictEqual(summary.split('\n').length, 130_000 + 8); // header, rule, column row, rule, files, rule, TOTAL, RESULT, ''
  });
});
