/** [tool.pydoclint]: pydoclint's keys and defaults, checked values (server/src/docstrings/checks/options.ts). */
import * as assert from 'assert';
import { DEFAULT_QUALITY_OPTIONS, readPyprojectQualityOptions } from '../../../server/src/docstrings/checks/options';

describe('docstrings/checks/options', () => {
  it('pydoclint\'s defaults', () => {
    assert.strictEqual(DEFAULT_QUALITY_OPTIONS.style, 'numpy');
    assert.strictEqual(DEFAULT_QUALITY_OPTIONS.argTypeHintsInDocstring, true);
    assert.strictEqual(DEFAULT_QUALITY_OPTIONS.skipCheckingShortDocstrings, true);
    assert.strictEqual(DEFAULT_QUALITY_OPTIONS.allowInitDocstring, false);
    assert.strictEqual(DEFAULT_QUALITY_OPTIONS.requireYieldSectionWhenYieldingNothing, false);
  });

  it('reads pydoclint\'s key names, with dashes or underscores', () => {
    const r = readPyprojectQualityOptions('[tool.pydoclint]\nstyle = "google"\narg-type-hints-in-docstring = false\ncheck_return_types = false\nquiet = true\n');
    assert.deepStrictEqual(r.options, { style: 'google', argTypeHintsInDocstring: false, checkReturnTypes: false });
    assert.deepStrictEqual(r.problems, []);
    assert.strictEqual(r.found, true);
  });

  it('check-style-mismatch is read (default false), no longer accepted and ignored', () => {
    assert.strictEqual(DEFAULT_QUALITY_OPTIONS.checkStyleMismatch, false);
    const r = readPyprojectQualityOptions('[tool.pydoclint]\ncheck-style-mismatch = true\n');
    assert.deepStrictEqual(r.options, { checkStyleMismatch: true });
    assert.deepStrictEqual(readPyprojectQualityOptions('[tool.pydoclint]\ncheck-style-mismatch = 3\n').problems.map((p) => p.key), ['check-style-mismatch']);
  });

  it('bad values and unknown keys are problems naming the key; the defaults stay', () => {
    const r = readPyprojectQualityOptions('[tool.pydoclint]\nstyle = "rst"\nallow-init-docstring = "maybe"\nchek-arg-order = true\n');
    assert.deepStrictEqual(r.options, {});
    assert.deepStrictEqual(r.problems.map((p) => [p.key, p.severity]), [['style', 'error'], ['allow-init-docstring', 'error'], ['chek-arg-order', 'warning']]);
    assert.ok(r.problems[0].message.includes('style'), r.problems[0].message);
    assert.deepStrictEqual(r.problems.map((p) => p.line), [2, 3, 4], 'on the lines of their keys');
    const dotted = readPyprojectQualityOptions('tool.pydoclint.style = "rst"\n\n[tool.other]\nstyle = 1\n');
    assert.deepStrictEqual(dotted.problems.map((p) => [p.key, p.line]), [['style', 1]]);
  });

  it('no table, not TOML, a table that is not a table', () => {
    assert.strictEqual(readPyprojectQualityOptions('[tool.interrogate]\nfail-under = 50\n').found, false);
    assert.strictEqual(readPyprojectQualityOptions('not [ toml').found, false);
    assert.strictEqual(readPyprojectQualityOptions('tool.pydoclint = 3\n').problems.length, 1);
  });
});
