/**
 * inherit-docstrings in the editor, through the session as server.ts drives it: an undocumented override of
 * a documented base method in another module gets no diagnostic, its name's hover says where the docstring
 * comes from, and editing the base (unsaved, in another open document) or the file on disk re-checks it.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { CoverageDiagnostic } from '../../server/src/coverage/diagnostics';
import { DocbitsSession } from '../../server/src/session/session';

const BASE = [
  '"""Bases."""', '', '', 'class Base:', '    """A base."""', '', '    def run(self):', '        """Run it."""', '',
  '    def stop(self):', '        pass', '',
].join('\n');
const CHILD = [
  '"""Children."""', 'from .base import Base', 'from typing import override', '', '', 'class Child(Base):', '    """A child."""', '',
  '    def run(self):', '        pass', '', '    def stop(self):', '        pass', '', '    @override', '    def other(self):', '        pass', '',
].join('\n');

describe('session/inheritedDocstrings: inherit-docstrings in the editor', () => {
  let root: string;
  const published = new Map<string, CoverageDiagnostic[]>();
  let session: DocbitsSession;
  const uriOf = (name: string): string => pathToFileURL(path.join(root, name)).href;
  const missed = (name: string): string[] => (published.get(uriOf(name)) ?? []).filter((d) => d.code !== undefined && String(d.code).startsWith('D')).map((d) => d.message);
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 40; i++) await new Promise((resolve) => setTimeout(resolve, 5));
  };

  function start(config: string): void {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'docbits-inherit-'));
    fs.mkdirSync(path.join(root, '.git'));
    fs.mkdirSync(path.join(root, 'pkg'));
    fs.writeFileSync(path.join(root, 'pyproject.toml'), config);
    fs.writeFileSync(path.join(root, 'pkg', '__init__.py'), '"""Pkg."""\n');
    fs.writeFileSync(path.join(root, 'pkg', 'base.py'), BASE);
    fs.writeFileSync(path.join(root, 'pkg', 'child.py'), CHILD);
    published.clear();
    session = new DocbitsSession({
      publishDiagnostics: (uri, _version, diagnostics) => { published.set(uri, diagnostics); },
      log: () => undefined,
    }, { folders: [root], debounceMs: 0 });
  }
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('an override of a documented base method is not flagged, and its hover names the base', async () => {
    start('[tool.interrogate]\nfail-under = 80\n\n[tool.docbits]\ninherit-docstrings = true\n');
    session.open(uriOf('pkg/child.py'), 1, CHILD);
    await settle();
    // run: Base.run is documented; other: @override; stop: Base.stop has no docstring either.
    assert.deepStrictEqual(missed('pkg/child.py'), ['Missing docstring in method Child.stop']);
    const runLine = CHILD.split('\n').indexOf('    def run(self):');
    const hover = await session.hover(uriOf('pkg/child.py'), runLine, 9);
    assert.strictEqual(hover?.markdown, 'Docstring inherited from `pkg.base.Base.run`');
    assert.deepStrictEqual(hover?.range, { start: { line: runLine, character: 8 }, end: { line: runLine, character: 11 } });
    const otherLine = CHILD.split('\n').indexOf('    def other(self):');
    assert.match((await session.hover(uriOf('pkg/child.py'), otherLine, 8))?.markdown ?? '', /@override/);
    const stopLine = CHILD.split('\n').indexOf('    def stop(self):');
    assert.strictEqual(await session.hover(uriOf('pkg/child.py'), stopLine, 8), null);
    const coverage = await session.fileCoverage(uriOf('pkg/child.py'));
    assert.deepStrictEqual([coverage.total, coverage.covered, coverage.missed], [5, 4, 1]);
  });

  it('a notebook\'s cells are one module: its override is not flagged, and the hover on its cell names the base', async () => {
    start('[tool.docbits]\ninherit-docstrings = true\n');
    const notebook = uriOf('nb.ipynb');
    const cells = ['"""Notebook."""\nfrom pkg.base import Base\n', 'class Child(Base):\n    """A child."""\n\n    def run(self):\n        pass\n'];
    const cellUris = cells.map((_, i) => `vscode-notebook-cell:${pathToFileURL(path.join(root, 'nb.ipynb')).pathname}#cell${i}`);
    session.openNotebook(notebook, 1, cellUris.map((document) => ({ kind: 2, document })),
      cells.map((text, i) => ({ uri: cellUris[i], languageId: 'python', version: 1, text })));
    await settle();
    assert.deepStrictEqual((published.get(cellUris[1]) ?? []).map((d) => d.message), []);
    const hover = await session.hover(cellUris[1], 3, 9);
    assert.strictEqual(hover?.markdown, 'Docstring inherited from `pkg.base.Base.run`');
    assert.deepStrictEqual(hover?.range, { start: { line: 3, character: 8 }, end: { line: 3, character: 11 } });
  });

  it('the base edited in the editor (unsaved), then on disk: the child is checked again', async () => {
    start('[tool.docbits]\ninherit-docstrings = true\n');
    session.open(uriOf('pkg/child.py'), 1, CHILD);
    await settle();
    assert.deepStrictEqual(missed('pkg/child.py'), ['Missing docstring in method Child.stop']);
    // Base.run loses its docstring and Base.stop gains one, in the unsaved buffer.
    const edited = BASE.replace('        """Run it."""', '        pass').replace('    def stop(self):\n        pass', '    def stop(self):\n        """Stop it."""');
    session.open(uriOf('pkg/base.py'), 1, BASE);
    session.change(uriOf('pkg/base.py'), 2, [{ text: edited }]);
    await settle();
    assert.deepStrictEqual(missed('pkg/child.py'), ['Missing docstring in method Child.run']);
    // Closed unsaved: the disk's text counts again; then the disk changes.
    session.close(uriOf('pkg/base.py'));
    await settle();
    assert.deepStrictEqual(missed('pkg/child.py'), ['Missing docstring in method Child.stop']);
    fs.writeFileSync(path.join(root, 'pkg', 'base.py'), edited);
    session.filesChanged([path.join(root, 'pkg', 'base.py')]);
    await settle();
    assert.deepStrictEqual(missed('pkg/child.py'), ['Missing docstring in method Child.run']);
  });

  it('off by default: every undocumented method is flagged, @override included', async () => {
    start('[tool.interrogate]\nfail-under = 80\n');
    session.open(uriOf('pkg/child.py'), 1, CHILD);
    await settle();
    assert.deepStrictEqual(missed('pkg/child.py'), [
      'Missing docstring in method Child.run', 'Missing docstring in method Child.stop', 'Missing docstring in method Child.other',
    ]);
  });
});
