/** When the CLI colours its report (config/terminalColor.ts): interrogate's precedence and py.io's terminal rules. */
import * as assert from 'assert';
import { UsageError } from '../../server/src/config/commandLine';
import { colorSetting, shouldMarkup } from '../../server/src/config/terminalColor';

describe('config/terminalColor', () => {
  it('takes the flag, then INTERROGATE_COLOR, then the config file, then on', () => {
    assert.strictEqual(colorSetting(false, { INTERROGATE_COLOR: '1' }, true), false);
    assert.strictEqual(colorSetting(undefined, { INTERROGATE_COLOR: '1' }, false), true);
    assert.strictEqual(colorSetting(undefined, { INTERROGATE_COLOR: ' Off ' }, true), false);
    assert.strictEqual(colorSetting(undefined, { INTERROGATE_COLOR: '' }, false), false, 'click ignores an empty variable');
    assert.strictEqual(colorSetting(undefined, {}, undefined), true);
    assert.throws(() => colorSetting(undefined, { INTERROGATE_COLOR: 'maybe' }, true),
      (e: unknown) => e instanceof UsageError && e.message === "Invalid value for '--color': 'maybe' is not a valid boolean.");
  });

  it('colours a terminal unless told not to, never a pipe, and a file only under PY_COLORS=1', () => {
    assert.strictEqual(shouldMarkup(true, {}, 'terminal'), true);
    assert.strictEqual(shouldMarkup(false, { PY_COLORS: '1' }, 'terminal'), false);
    assert.strictEqual(shouldMarkup(true, { TERM: 'dumb' }, 'terminal'), false);
    assert.strictEqual(shouldMarkup(true, { NO_COLOR: '' }, 'terminal'), false, 'NO_COLOR counts when set at all');
    assert.strictEqual(shouldMarkup(true, { PY_COLORS: '0' }, 'terminal'), false);
    assert.strictEqual(shouldMarkup(true, { PY_COLORS: '1', NO_COLOR: '1' }, 'terminal'), true);
    assert.strictEqual(shouldMarkup(true, { PY_COLORS: '1' }, 'pipe'), false, 'colorama strips escapes from a piped stdout');
    assert.strictEqual(shouldMarkup(true, {}, 'file'), false);
    assert.strictEqual(shouldMarkup(true, { PY_COLORS: '1' }, 'file'), true);
  });
});
