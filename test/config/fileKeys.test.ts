/** The config-file keys derived from the registry (config/fileKeys.ts). */
import * as assert from 'assert';
import { normalizeKey, suggestKey } from '../../server/src/config/fileKeys';

describe('config: keys', () => {
  it('normalises keys as interrogate does', () => {
    assert.strictEqual(normalizeKey('fail-under'), 'fail_under');
    assert.strictEqual(normalizeKey('--fail-under'), 'fail_under');
    assert.strictEqual(normalizeKey('fail_under'), 'fail_under');
  });

  it('suggests the closest known key for a typo, and nothing for nonsense', () => {
    assert.strictEqual(suggestKey('ignore-magik'), 'ignore-magic');
    assert.strictEqual(suggestKey('failunder'), 'fail-under');
    assert.strictEqual(suggestKey('ignore-semi-private'), 'ignore-semiprivate');
    assert.strictEqual(suggestKey('colour'), 'color');
    assert.strictEqual(suggestKey('zzzzzzzzzzzz'), undefined);
  });
});
