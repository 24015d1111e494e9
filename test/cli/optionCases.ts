/**
 * Seeded command lines and config files for one generated project: a spread of interrogate's flags (a seeded
 * choice, not all 2^n), the same keys in `[tool.interrogate]` (pyproject.toml) or `[tool:interrogate]`
 * (setup.cfg), found from the paths as interrogate finds them or passed with `-c`.
 */
import { Prng } from '../helpers/prng';
import { Project, pythonFiles } from './projects';

/** `-f` value the runner fills in from the run's own coverage, to hit interrogate's rounded `>` exactly. */
export const EXACT_FAIL_UNDER = '{exact}';

export interface Case {
  /** Arguments; the paths among them are relative to the project root, where both tools run. */
  args: string[];
  /** Config files written before the run (relative path to content) and removed after it. */
  configFiles: Map<string, string>;
  /** The paths among the arguments (its last ones). */
  paths: string[];
}

const BOOLEAN_FLAGS: readonly [string, string][] = [
  ['-i', 'ignore-init-method'], ['-I', 'ignore-init-module'], ['-m', 'ignore-magic'], ['-M', 'ignore-module'],
  ['-n', 'ignore-nested-functions'], ['-C', 'ignore-nested-classes'], ['-p', 'ignore-private'],
  ['-s', 'ignore-semiprivate'], ['-P', 'ignore-property-decorators'], ['-S', 'ignore-setters'],
  ['-O', 'ignore-overloaded-functions'], ['--omit-covered-files', 'omit-covered-files'],
];
/** JavaScript-compatible Python regexes, matched (re.match) against the names pythonModules.ts writes. */
const IGNORE_REGEXES: readonly string[] = ['^_', 'get', 'test_', '__', '.*setter', '[A-Z]', 'x$', 'Widget|Base', '数据', 'c[aá]f', ''];
const WHITELIST_REGEXES: readonly string[] = ['^[a-z]', 'get', 'Widget', '__init__', '_', 'm'];
const FAIL_UNDERS: readonly string[] = ['0', '50', '100', '80.0', '33.3', '66.67', '75', '99.9', EXACT_FAIL_UNDER, EXACT_FAIL_UNDER];

/** What one case asks for, before it becomes flags or config keys. */
interface Settings {
  booleans: [string, string][];
  verbose: number;
  quiet: boolean;
  ignoreRegex: string[];
  whitelistRegex: string[];
  exclude: string[];
  pyi: boolean;
  style: string | undefined;
  failUnder: string | undefined;
  color: boolean | undefined;
}

function pickSome<T>(r: Prng, items: readonly T[], probability: number): T[] {
  return items.filter(() => r.chance(probability));
}

/** Paths given on the command line: none (the current folder), `.`, one folder or file, or two that do not overlap. */
function pathArgs(r: Prng, project: Project, stubs: boolean): string[] {
  const files = pythonFiles(project).filter((f) => !f.endsWith('.pyi') || (stubs && r.chance(0.3)));
  const tops = [...new Set([...project.files.keys()].map((f) => f.split('/')[0]))].filter((t) => t.endsWith('.py') || project.folders.includes(t));
  switch (r.int(0, 5)) {
    case 0: return [];
    case 1: return ['.'];
    case 2: return project.folders.length ? [r.pick(project.folders)] : ['.'];
    case 3: return files.length ? [r.pick(files)] : ['.'];
    case 4: {
      // Two inputs that share files would be listed twice by interrogate, once by docbits (README, "Differences").
      const first = r.pick(tops);
      const others = tops.filter((t) => t !== first);
      return others.length ? [first, r.pick(others)] : [first];
    }
    default: return [r.pick([...project.folders, ...files, '.'])];
  }
}

function settings(r: Prng, project: Project): Settings {
  const excludable = [...project.folders, ...pythonFiles(project), 'a', 'pkg/m'];
  return {
    booleans: pickSome(r, BOOLEAN_FLAGS, 0.15),
    verbose: r.pick([0, 1, 2, 2]),
    quiet: r.chance(0.08),
    ignoreRegex: pickSome(r, IGNORE_REGEXES, 0.08),
    whitelistRegex: r.chance(0.1) ? [r.pick(WHITELIST_REGEXES)] : [],
    exclude: r.chance(0.25) ? [r.pick(excludable)] : [],
    pyi: r.chance(0.3),
    style: r.pick([undefined, undefined, undefined, undefined, 'google', 'google', 'sphinx']),
    failUnder: r.chance(0.5) ? r.pick(FAIL_UNDERS) : undefined,
    color: r.pick([undefined, undefined, undefined, true, false]),
  };
}

function flags(s: Settings): string[][] {
  const out: string[][] = s.booleans.map(([flag]) => [flag]);
  if (s.verbose) out.push([s.verbose === 1 ? '-v' : '-vv']);
  if (s.quiet) out.push(['-q']);
  for (const regex of s.ignoreRegex) out.push(['-r', regex]);
  for (const regex of s.whitelistRegex) out.push(['-w', regex]);
  for (const exclude of s.exclude) out.push(['-e', exclude]);
  if (s.pyi) out.push(['--ext', 'pyi']);
  if (s.style) out.push(['--style', s.style]);
  if (s.failUnder) out.push(['-f', s.failUnder]);
  if (s.color !== undefined) out.push([s.color ? '--color' : '--no-color']);
  return out;
}

const tomlString = (s: string): string => JSON.stringify(s);

/** `[tool.interrogate]` with the settings' keys (a numeric fail-under; regexes as a list or, as older configs have it, one string). */
function pyproject(r: Prng, s: Settings): string {
  const lines = ['[tool.interrogate]'];
  for (const [, key] of s.booleans) lines.push(`${key} = true`);
  if (s.verbose) lines.push(`verbose = ${s.verbose}`);
  if (s.quiet) lines.push('quiet = true');
  if (s.ignoreRegex.length === 1 && r.chance(0.5)) lines.push(`ignore-regex = ${tomlString(s.ignoreRegex[0])}`);
  else if (s.ignoreRegex.length) lines.push(`ignore-regex = [${s.ignoreRegex.map(tomlString).join(', ')}]`);
  if (s.whitelistRegex.length) lines.push(`whitelist-regex = [${s.whitelistRegex.map(tomlString).join(', ')}]`);
  if (s.exclude.length) lines.push(`exclude = [${s.exclude.map(tomlString).join(', ')}]`);
  if (s.pyi) lines.push('ext = ["pyi"]');
  if (s.style) lines.push(`style = ${tomlString(s.style)}`);
  if (s.failUnder && s.failUnder !== EXACT_FAIL_UNDER) lines.push(`fail-under = ${s.failUnder}`);
  if (s.color !== undefined) lines.push(`color = ${s.color}`);
  return lines.join('\n') + '\n';
}

/**
 * `[tool:interrogate]`, where every value is a string: lists as `a, b` or `["a", "b"]` (interrogate splits on
 * commas and strips double quotes), booleans as true/false in any case.
 */
function setupCfg(r: Prng, s: Settings): string {
  // Without brackets, a list that starts with `[` or ends with `]` (`^[a-z]`) loses that character to interrogate's
  // bracket stripping, and the regex left (`^[a-z`) crashes it with re.error where docbits warns.
  const list = (items: string[]): string => {
    const bare = items.join(', ');
    return r.chance(0.5) && !/^\[|\]$/.test(bare) ? bare : `[${items.map((i) => `"${i}"`).join(', ')}]`;
  };
  const lines = ['[tool:interrogate]'];
  for (const [, key] of s.booleans) lines.push(`${key} = ${r.pick(['true', 'True', 'TRUE'])}`);
  if (s.verbose) lines.push(`verbose = ${s.verbose}`);
  if (s.quiet) lines.push('quiet = true');
  // Regexes with a comma or a `%` (configparser interpolation) cannot be written here.
  const regexes = s.ignoreRegex.filter((x) => x !== '' && !/[,%]/.test(x));
  if (regexes.length) lines.push(`ignore-regex = ${list(regexes)}`);
  if (s.whitelistRegex.length) lines.push(`whitelist-regex = ${list(s.whitelistRegex)}`);
  if (s.exclude.length) lines.push(`exclude = ${list(s.exclude)}`);
  if (s.style) lines.push(`style = ${s.style}`);
  if (s.failUnder && s.failUnder !== EXACT_FAIL_UNDER) lines.push(`fail-under = ${s.failUnder}`);
  if (s.color !== undefined) lines.push(`color = ${s.color}`);
  return lines.join('\n') + '\n';
}

function shuffle<T>(r: Prng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** One case: flags only (most), or a config file with some settings in it and maybe flags on top. */
export function generateCase(r: Prng, project: Project): Case {
  const configFiles = new Map<string, string>();
  const args: string[] = [];
  const fromFlags = settings(r, project);
  const where = r.pick(['flags', 'flags', 'flags', 'pyproject', 'pyproject', 'setup.cfg', '-c pyproject', '-c setup.cfg'] as const);
  const fromFile = settings(r, project);
  // interrogate's -vv table names a stub's definitions `mod.pyi.f` (visit.py looks for a parent path ending in
  // `.py`), docbits `f` (README, "Differences"): stubs are measured only in runs without the table.
  const stubs = fromFlags.verbose < 2 && (where === 'flags' || fromFile.verbose < 2);
  if (!stubs) fromFlags.pyi = fromFile.pyi = false;
  // With a whitelist, interrogate's ignore-nested-classes keeps the members of a nested class the whitelist
  // left out; docbits drops everything inside a nested class (README, "Differences"): not both.
  if (fromFlags.whitelistRegex.length + (where === 'flags' ? 0 : fromFile.whitelistRegex.length) > 0) {
    for (const s of [fromFlags, fromFile]) s.booleans = s.booleans.filter(([flag]) => flag !== '-C');
  }
  const paths = pathArgs(r, project, stubs);
  if (where !== 'flags') {
    const toml = where.endsWith('pyproject');
    const name = toml ? 'pyproject.toml' : 'setup.cfg';
    const file = where.startsWith('-c') && r.chance(0.5) ? `conf/${name}` : name;
    // docbits resolves a config file's relative excludes against its folder, interrogate against the current
    // one (README, "Differences"): the same only for a config file at the root, where both tools run.
    if (file !== name) fromFile.exclude = [];
    configFiles.set(file, toml ? pyproject(r, fromFile) : setupCfg(r, fromFile));
    // A pyproject.toml without the section still makes interrogate stop there and never read setup.cfg.
    if (where === 'setup.cfg' && r.chance(0.3)) configFiles.set('pyproject.toml', '[tool.black]\nline-length = 99\n');
    if (where.startsWith('-c')) args.push('-c', file);
    // Flags win over the file; a few on top.
    fromFlags.booleans = fromFlags.booleans.slice(0, 1);
    if (r.chance(0.5)) fromFlags.verbose = 0;
  }
  args.push(...shuffle(r, flags(fromFlags)).flat(), ...paths);
  return { args, configFiles, paths };
}
