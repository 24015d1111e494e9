/** pathlib's resolve() for command-line paths (server/src/config/realpath.ts): bounded on hostile link chains. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pythonRealpath } from '../../server/src/config/realpath';

describe('config/realpath', function () {
  let dir = '';
  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'docbits-realpath-')));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('follows a link as the file system does, and keeps a missing rest as written', () => {
    fs.mkdirSync(path.join(dir, 'real'));
    fs.symlinkSync('real', path.join(dir, 'link'));
    assert.strictEqual(pythonRealpath(dir, 'link'), path.join(dir, 'real'));
    assert.strictEqual(pythonRealpath(dir, 'link/missing/x.py'), path.join(dir, 'real', 'missing', 'x.py'));
  });

  it('gives up on a chain of 3,000 links without throwing or recursing without end', function () {
    if (process.platform === 'win32') this.skip();
    fs.writeFileSync(path.join(dir, 'l0'), '');
    for (let i = 1; i <= 3000; i++) fs.symlinkSync(`l${i - 1}`, path.join(dir, `l${i}`));
    const resolved = pythonRealpath(dir, 'l3000');
    assert.ok(resolved.startsWith(dir) && resolved !== path.join(dir, 'l0'), resolved);
    assert.strictEqual(pythonRealpath(dir, 'l500'), path.join(dir, 'l0'));
  });
});
