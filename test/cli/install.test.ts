/**
 * The published package as a user gets it: `npm pack`, then `npm install -g` of the tarball into a temporary
 * prefix (never the real global one), offline and with an empty cache, which only works because the bundles
 * carry every library (no runtime dependencies); then the installed `docbits` command.
 */
import * as assert from 'assert';
import { spawnSync, SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cleanEnv, copyWorkingTree, REPO } from './npmEnv';

const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { name: string; version: string };

function run(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, encoding: 'utf8', env: cleanEnv({ COLUMNS: '' }), timeout: 90_000 });
}

function ok(r: SpawnSyncReturns<string>, what: string): string {
  assert.strictEqual(r.status, 0, `${what} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

describe('docbits as an npm package (npm pack, npm install -g)', function () {
  this.timeout(120_000);
  let tmp: string;
  let docbits: string;

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'docbits-install-'));
    const src = path.join(tmp, 'src');
    copyWorkingTree(src);
    fs.mkdirSync(path.join(tmp, 'pack'));
    // stdout must be the tarball's name alone: pre-commit's node installer reads it so (.npmrc).
    const packed = ok(run('npm', ['pack', '--pack-destination', path.join(tmp, 'pack')], src), 'npm pack');
    const tarball = `${manifest.name}-${manifest.version}.tgz`;
    assert.strictEqual(packed, `${tarball}\n`);
    const prefix = path.join(tmp, 'prefix');
    ok(run('npm', ['install', '-g', path.join(tmp, 'pack', tarball), '--prefix', prefix, '--cache', path.join(tmp, 'npm-cache'),
      '--offline', '--no-audit', '--no-fund'], tmp), 'npm install -g');
    docbits = path.join(prefix, 'bin', 'docbits');
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('packs the bundles and what the extension needs, nothing else', () => {
    const listing = ok(run('tar', ['-tzf', path.join(tmp, 'pack', `${manifest.name}-${manifest.version}.tgz`)], tmp), 'tar');
    assert.deepStrictEqual(listing.trim().split('\n').sort(), [
      'package/CHANGELOG.md', 'package/LICENSE', 'package/README.md', 'package/dist/cli.js', 'package/dist/extension.js',
      'package/dist/server.js', 'package/images/activity-bar.svg', 'package/images/icon.png', 'package/package.json',
      'package/syntaxes/docbits-markers.injection.tmLanguage.json',
    ]);
    const installed = JSON.parse(fs.readFileSync(path.join(tmp, 'prefix', 'lib', 'node_modules', 'docbits', 'package.json'), 'utf8'));
    assert.deepStrictEqual(installed.dependencies ?? {}, {}, 'the bundles carry every library');
  });

  it('installs a working `docbits --version`', () => {
    const r = run(docbits, ['--version'], tmp);
    assert.strictEqual(r.status, 0, r.stderr);
    assert.strictEqual(r.stdout, `docbits, version ${manifest.version}\n`);
  });

  it('reports on the sample project with its [tool.interrogate] config, and fails under a higher fail-under', () => {
    const sample = path.join(tmp, 'sample');
    fs.cpSync(path.join(REPO, 'sample'), sample, { recursive: true });
    const pass = run(docbits, ['-v', sample], tmp);
    assert.strictEqual(pass.status, 0, pass.stderr);
    assert.match(pass.stdout, /\| TOTAL +\| +18 \| +6 \| +12 \| +66\.7% \|/);
    assert.match(pass.stdout, /RESULT: PASSED \(minimum: 60\.0%, actual: 66\.7%\)/);
    const fail = run(docbits, ['-v', '--fail-under', '90', sample], tmp);
    assert.strictEqual(fail.status, 1, fail.stderr);
    assert.match(fail.stdout, /RESULT: FAILED \(minimum: 90\.0%, actual: 66\.7%\)/);
  });
});
