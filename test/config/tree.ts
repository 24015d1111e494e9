/** Scratch folder trees for the config tests. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** A scratch folder tree: `{ "a/.git": "", "a/b/": null }` (null: a folder). */
export function makeTree(spec: Record<string, string | null>): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'docbits-config-')));
  for (const [rel, content] of Object.entries(spec)) {
    const full = path.join(root, rel);
    if (content === null) fs.mkdirSync(full, { recursive: true });
    else {
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, content);
    }
  }
  return root;
}

/** A makeTree for one describe block, whose trees are removed after it. */
export function scratchTrees(): (spec: Record<string, string | null>) => string {
  const made: string[] = [];
  after(() => {
    for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
  });
  return (spec) => {
    const root = makeTree(spec);
    made.push(root);
    return root;
  };
}

/** A file of test/fixtures/config, as text. */
export function configFixture(name: string): string {
  return fs.readFileSync(path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'config', name), 'utf8');
}
