/**
 * Seeded small Python projects for the differential test against interrogate: packages with and without
 * `__init__.py`, nested folders, `.pyi` stubs beside some modules, names that share a prefix (interrogate's
 * excludes are fnmatch `PATH*` patterns, so `-e a` also drops `ab.py`) and the folders it always skips.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Prng } from '../helpers/prng';
import { pythonModule } from './pythonModules';

export interface Project {
  /** Relative path (with `/`) to file content. */
  files: Map<string, string>;
  /** Every folder below the root that holds a file, relative, parents first. */
  folders: string[];
  /** `.git` or `.hg` at the root: what makes interrogate look for a setup.cfg there (pyproject.toml needs none). */
  marker: '.git' | '.hg' | undefined;
}

/**
 * No folder name is a module's stem or the start of another name beside it (`ab/` beside `ab.py` or `abc/`):
 * interrogate's common base is then `.../ab`, which exists, and it names `ab.py` `py`; docbits' base never cuts
 * a name (README, "Differences").
 */
const FOLDER_NAMES: readonly string[] = ['pkg', 'core', 'ab', 'ünï', 'tests', 'sub', '.hidden', 'venvish'];
const MODULE_NAMES: readonly string[] = ['mod', 'models', 'api', 'données', 'a', 'test_x', 'venvtools', '_private'];

/** `folder` is '' or ends in `/`. */
function addModule(r: Prng, files: Map<string, string>, folder: string, name: string): void {
  const file = folder + name;
  files.set(`${file}.py`, pythonModule(r, r.int(2, 12)));
  // A stub beside its module, counted only with --ext pyi; not in a folder of its own, where interrogate's
  // common base would be `mod.py` and the stub's name empty (the same difference as above).
  if (r.chance(0.25) && [...files.keys()].some((f) => f.startsWith(folder) && f !== `${file}.py`)) {
    files.set(`${file}.pyi`, pythonModule(r, r.int(1, 5)));
  }
}

function addFolder(r: Prng, files: Map<string, string>, folders: string[], parent: string, depth: number): void {
  const name = r.pick(FOLDER_NAMES);
  const folder = parent ? `${parent}/${name}` : name;
  if (folders.includes(folder)) return;
  folders.push(folder);
  const init = r.int(0, 2);
  if (init === 1) files.set(`${folder}/__init__.py`, '');
  if (init === 2) files.set(`${folder}/__init__.py`, pythonModule(r, r.int(0, 3)));
  for (let i = r.int(init ? 0 : 1, 3); i > 0; i--) addModule(r, files, `${folder}/`, r.pick(MODULE_NAMES));
  if (r.chance(0.15)) files.set(`${folder}/notes.txt`, 'def not_python(): pass\n');
  if (depth < 2 && r.chance(0.4)) addFolder(r, files, folders, folder, depth + 1);
}

export function generateProject(r: Prng): Project {
  const files = new Map<string, string>();
  const folders: string[] = [];
  for (let i = r.int(0, 2); i > 0; i--) addModule(r, files, '', r.pick(MODULE_NAMES));
  for (let i = r.int(1, 3); i > 0; i--) addFolder(r, files, folders, '', 0);
  // interrogate always skips <path>/.tox, .venv, venv, .git and .hg (and, being prefixes, venvtools.py); not
  // `venv/` here, being the start of `venvish/` (see FOLDER_NAMES).
  if (r.chance(0.15)) {
    const skipped = r.pick(['.tox', '.venv']);
    folders.push(skipped);
    files.set(`${skipped}/skipped.py`, 'def skipped(): pass\n');
  }
  const marker = r.pick([undefined, undefined, '.git', '.hg'] as const);
  return { files, folders, marker };
}

export function writeProject(root: string, project: Project): void {
  for (const [file, text] of project.files) {
    fs.mkdirSync(path.join(root, path.dirname(file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  if (project.marker) fs.mkdirSync(path.join(root, project.marker));
}

/** A project on disk (interrogate's own sample), to run generated cases on a copy of it. */
export function readProject(root: string): Project {
  const files = new Map<string, string>();
  const folders: string[] = [];
  const walk = (relative: string): void => {
    for (const entry of fs.readdirSync(path.join(root, relative), { withFileTypes: true })) {
      const name = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory() && entry.name !== '__pycache__') {
        folders.push(name);
        walk(name);
      } else if (entry.isFile()) files.set(name, fs.readFileSync(path.join(root, name), 'utf8'));
    }
  };
  walk('');
  return { files, folders, marker: undefined };
}

/** The project's Python files, `.pyi` included. */
export function pythonFiles(project: Project): string[] {
  return [...project.files.keys()].filter((f) => f.endsWith('.py') || f.endsWith('.pyi'));
}

/** The project's files and folders as a listing, for a mismatch report. */
export function describeProject(project: Project): string {
  const lines = project.marker ? [`${project.marker}/`] : [];
  for (const [file, text] of project.files) lines.push(`--- ${file}`, text);
  return lines.join('\n');
}
