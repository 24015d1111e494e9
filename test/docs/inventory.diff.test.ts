/**
 * Differential test: our docstring inventory against CPython's ast (walked as interrogate walks it), node
 * for node, on every .py file of the stdlib that python3 ships and that CPython can parse.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { decodePython } from '../../server/src/python/decode';
import { inventory } from '../../server/src/docs/inventory';
import { DEFAULT_OPTIONS } from '../../server/src/docs/types';
import { runOracle, stdlibFiles } from '../oracles/stdlib';

type OracleNode = [string, string, number | null, number | null, boolean];
interface OracleRecord { nodes?: OracleNode[]; error?: string }

const NO_MARKERS = { ...DEFAULT_OPTIONS, markers: { nodocqa: false, noqa: false, pylint: false, docstrCoverage: false } };

describe('inventory vs CPython ast (whole stdlib)', function () {
  const files = stdlibFiles();
  let oracle: Map<string, OracleRecord>;

  before(function () {
    oracle = runOracle<OracleRecord>('inventory.py', files);
  });

  it('lists the same nodes (kind, qualname, line, column, documented) for every parsable file', function () {
    let compared = 0, nodesCompared = 0;
    const mismatches: string[] = [];
    for (const file of files) {
      const expected = oracle.get(file);
      if (!expected?.nodes) continue;
      const decoded = decodePython(fs.readFileSync(file));
      if (!decoded.ok) {
        mismatches.push(`${file}: CPython parses it but we could not decode it: ${decoded.error}`);
        continue;
      }
      const ours = inventory(decoded.text, path.basename(file), NO_MARKERS).nodes.map((n): OracleNode =>
        n.kind === 'module' ? [n.kind, n.qualname, null, null, n.status === 'covered']
          : [n.kind, n.qualname, n.line, n.column, n.status === 'covered']);
      compared++;
      nodesCompared += ours.length;
      const n = Math.max(ours.length, expected.nodes.length);
      for (let i = 0; i < n; i++) {
        if (JSON.stringify(ours[i]) !== JSON.stringify(expected.nodes[i])) {
          mismatches.push(`${file} node ${i}: ours ${JSON.stringify(ours[i])} ast ${JSON.stringify(expected.nodes[i])}`);
          break;
        }
      }
    }
    console.log(`      compared ${compared} files, ${nodesCompared} nodes`);
    assert.ok(compared > 1500, `compared only ${compared} files`);
    assert.deepStrictEqual(mismatches.slice(0, 15), [], `${mismatches.length} files differ`);
  });
});
