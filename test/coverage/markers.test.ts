/** Skip comments on a real fixture with every marker form (test/fixtures/markers). */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { inventory } from '../../server/src/coverage/inventory';
import { parseMarkers } from '../../server/src/coverage/markers';
import { DEFAULT_MARKERS, DEFAULT_OPTIONS } from '../../server/src/coverage/types';

const MARKERS = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'markers');
const load = (name: string): string => fs.readFileSync(path.join(MARKERS, name), 'utf8');

function statusByName(text: string, markers = DEFAULT_MARKERS): Record<string, string> {
  const out: Record<string, string> = {};
  for (const node of inventory(text, 'f.py', { ...DEFAULT_OPTIONS, markers }).nodes) out[node.qualname] = node.status;
  return out;
}

describe('skip markers', () => {
  const text = load('skip_markers.py');

  it('excuses each marked definition and nothing else', () => {
    assert.deepStrictEqual(statusByName(text), {
      'f.py': 'covered',
      trailing_nodocqa: 'excused',
      compact_nodocqa: 'excused',
      own_line_above: 'excused',
      own_line_above_decorator: 'excused',
      on_decorator_line: 'excused',
      multi_line_header: 'excused',
      shared_comment: 'excused',
      bare_noqa: 'excused',
      noqa_docstring_code: 'excused',
      noqa_other_code: 'missed',
      pylint_disable: 'excused',
      pylint_code: 'excused',
      pylint_other: 'missed',
      docstr_excused: 'excused',
      docstr_inherited: 'excused',
      documented_anyway: 'covered',
      documented_with_bare_noqa: 'covered',
      marker_in_body: 'missed',
      blank_line_between: 'missed',
      nodocqa_word_prefix: 'missed',
      Excused: 'excused',
      'Excused.method_still_counted': 'missed',
    });
  });

  it('reports a docstring-specific marker on a documented definition as unnecessary', () => {
    const result = inventory(text, 'f.py', DEFAULT_OPTIONS);
    assert.deepStrictEqual(result.unnecessaryMarkers.map((m) => [m.line + 1, m.text]), [[71, 'nodocqa']]);
    const line = text.split('\n')[70];
    const marker = result.unnecessaryMarkers[0];
    assert.strictEqual(line.slice(marker.start, marker.end), 'nodocqa');
  });

  it('foreign markers can be switched off one by one', () => {
    const statuses = statusByName(text, { nodocqa: true, noqa: false, pylint: false, docstrCoverage: false });
    assert.strictEqual(statuses.bare_noqa, 'missed');
    assert.strictEqual(statuses.pylint_disable, 'missed');
    assert.strictEqual(statuses.docstr_excused, 'missed');
    assert.strictEqual(statuses.trailing_nodocqa, 'excused');
  });

  it('# nodocqa: file excuses every undocumented node of the file', () => {
    assert.deepStrictEqual(statusByName(load('file_marker.py')), {
      'f.py': 'excused', one: 'excused', Two: 'covered', 'Two.three': 'excused',
    });
  });

  it('excused nodes are outside total = covered + missed', () => {
    const nodes = inventory(load('file_marker.py'), 'f.py', DEFAULT_OPTIONS).nodes;
    assert.strictEqual(nodes.filter((n) => n.status === 'excused').length, 3);
  });

  it('parses several markers in one comment, with their columns', () => {
    const found = parseMarkers({ line: 0, column: 10, text: '# type: ignore  # noqa: D102, E501', ownLine: false }, DEFAULT_MARKERS);
    assert.deepStrictEqual(found.map((m) => [m.text, m.start, m.scope]), [['noqa: D102, E501', 28, 'definition']]);
    const moduleMarker = parseMarkers({ line: 0, column: 0, text: '# noqa: D100', ownLine: true }, DEFAULT_MARKERS);
    assert.strictEqual(moduleMarker[0].scope, 'module');
  });
});
