/**
 * `docbits.coverage.changedSince` through the session, on a real git repository: only the definitions the
 * unsaved buffer changes since BASE are flagged (as `docbits --diff BASE` counts them), `staged` leaves
 * untracked files out, and outside a repository or with an unknown base everything is flagged and
 * fileCoverage says why.
 */
import * as assert from 'assert';
import { pathToFileURL } from 'url';
import { statusBarTooltip } from '../../server/src/coverage/coverageText';
import { CoverageDiagnostic } from '../../server/src/coverage/diagnostics';
import { DocbitsSession } from '../../server/src/session/session';
import { git } from '../workspace/helpers/gitRepo';
import { makeTree, TempTree } from '../workspace/helpers/tree';

const MOD = '"""Module."""\n\n\ndef old():\n    return 1\n\n\ndef edited():\n    return 2\n\n\nclass Box:\n    """Box."""\n\n    def put(self):\n        return 3\n';

describe('session/changedSince: only definitions changed since BASE are flagged', () => {
  let repo: TempTree;
  const published = new Map<string, CoverageDiagnostic[]>();
  const flagged = (rel: string): string[] => (published.get(pathToFileURL(repo.abs(rel)).href) ?? []).map((d) => d.message);
  const settle = async (session: DocbitsSession, uri: string): Promise<void> => {
    // diagnostics() answers once git has: then the queued check has published too.
    await session.diagnostics(uri);
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 5));
  };
  const start = (changedSince: string, quality = false): DocbitsSession => new DocbitsSession({
    publishDiagnostics: (uri, _version, diagnostics) => { published.set(uri, diagnostics); },
    log: () => undefined,
  }, { folders: [repo.root], debounceMs: 0, initialSettings: { coverage: { changedSince }, ...(quality && { quality: { enabled: 'on' } }) } });

  beforeEach(() => {
    published.clear();
    repo = makeTree({ 'pkg/mod.py': MOD });
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'base');
  });
  afterEach(() => repo.remove());

  it('HEAD: an unsaved body change flags that function, a new method (its class and the module count, documented)', async () => {
    const session = start('HEAD');
    const uri = pathToFileURL(repo.abs('pkg/mod.py')).href;
    session.open(uri, 1, MOD);
    await settle(session, uri);
    assert.deepStrictEqual(flagged('pkg/mod.py'), []);
    session.change(uri, 2, [{ text: MOD.replace('return 2', 'return 20').replace('        return 3', '        return 3\n\n    def take(self):\n        return 4') }]);
    await settle(session, uri);
    assert.deepStrictEqual(flagged('pkg/mod.py'), ['Missing docstring in function edited', 'Missing docstring in method Box.take']);
    const coverage = await session.fileCoverage(uri);
    assert.deepStrictEqual(coverage.changedSince, { base: 'HEAD', total: 4, missed: 2 });
    assert.deepStrictEqual([coverage.total, coverage.missed], [6, 4]); // old and Box.put too
    assert.strictEqual(statusBarTooltip('mod.py', coverage, coverage.failUnder, undefined, coverage).split('\n')[2],
      'Only definitions changed since HEAD are flagged: 4 changed, 2 missing');
  });

  it('a file not at BASE counts whole; with staged, an untracked one is no part of a commit', async () => {
    const text = 'def new():\n    return 1\n';
    repo.write('pkg/new.py', text);
    const uri = pathToFileURL(repo.abs('pkg/new.py')).href;
    const head = start('HEAD');
    head.open(uri, 1, text);
    await settle(head, uri);
    assert.deepStrictEqual(flagged('pkg/new.py'), ['Missing docstring in module pkg/new.py', 'Missing docstring in function new']);
    published.clear();
    const staged = start('staged');
    staged.open(uri, 1, text);
    await settle(staged, uri);
    assert.deepStrictEqual(flagged('pkg/new.py'), []);
    git(repo, 'add', 'pkg/new.py');
    staged.filesChanged([repo.abs('pkg/new.py')]);
    await settle(staged, uri);
    assert.deepStrictEqual(flagged('pkg/new.py'), ['Missing docstring in module pkg/new.py', 'Missing docstring in function new']);
  });

  it('a file renamed since BASE is compared with its old path, as --diff follows renames', async () => {
    git(repo, 'mv', 'pkg/mod.py', 'pkg/moved.py');
    const text = MOD.replace('return 2', 'return 20');
    repo.write('pkg/moved.py', text);
    for (const base of ['HEAD', 'staged']) {
      published.clear();
      if (base === 'staged') git(repo, 'add', 'pkg/moved.py');
      const session = start(base);
      const uri = pathToFileURL(repo.abs('pkg/moved.py')).href;
      session.open(uri, 1, text);
      await settle(session, uri);
      assert.deepStrictEqual(flagged('pkg/moved.py'), ['Missing docstring in function edited'], base);
    }
  });

  it('docstring-quality diagnostics too: only on the changed definitions', async () => {
    const twoFunctions = '"""Module."""\n\n\ndef one(a, b):\n    """Do one.\n\n    Args:\n        a: A.\n    """\n    return a\n\n\n'
      + 'def two(a, b):\n    """Do two.\n\n    Args:\n        a: A.\n    """\n    return a\n';
    repo.write('pkg/args.py', twoFunctions);
    repo.write('pyproject.toml', '[tool.pydoclint]\nstyle = "google"\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'args');
    const uri = pathToFileURL(repo.abs('pkg/args.py')).href;
    const edited = twoFunctions.replace(/return a\n$/, 'return b\n');
    const qualityOf = (rel: string) => (published.get(pathToFileURL(repo.abs(rel)).href) ?? []).filter((d) => /^DOC/.test(String(d.code)));
    const all = start('', true);
    all.open(uri, 1, edited);
    await settle(all, uri);
    const everywhere = qualityOf('pkg/args.py');
    assert.ok(everywhere.some((d) => d.message.includes('`one`')) && everywhere.some((d) => d.message.includes('`two`')), JSON.stringify(everywhere));
    published.clear();
    const changed = start('HEAD', true);
    changed.open(uri, 1, edited);
    await settle(changed, uri);
    const onlyChanged = qualityOf('pkg/args.py');
    assert.deepStrictEqual(onlyChanged, everywhere.filter((d) => d.message.includes('`two`')));
    assert.ok(onlyChanged.length > 0);
  });

  it('an unknown base, or no repository: every definition is flagged and fileCoverage says why', async () => {
    const session = start('no-such-branch');
    const uri = pathToFileURL(repo.abs('pkg/mod.py')).href;
    session.open(uri, 1, MOD);
    await settle(session, uri);
    assert.strictEqual(flagged('pkg/mod.py').length, 3);
    const coverage = await session.fileCoverage(uri);
    assert.match((coverage.changedSince as { error: string }).error, /unknown base "no-such-branch"/);
  });
});
