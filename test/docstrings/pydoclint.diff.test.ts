/**
 * The docstring-quality checks (server/src/docstrings/checks/) against pydoclint 0.9.0 itself: the same
 * (file, line, code) findings on real trees (the stdlib's google- and sphinx-style modules, the sample
 * project, the generated fixtures in every style), with pydoclint's defaults and other option combinations.
 *
 * Where they disagree, the disagreement must be one of the documented differences (README, "Differences
 * from pydoclint"), recognised here by name from the definition's code; the test prints how many of each,
 * and the agreement figure. CI checks the stdlib's modules that use the style; DOCBITS_FULL_DIFF=1 checks
 * every non-test stdlib module in google and sphinx style.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { checkDocstrings, DEFAULT_QUALITY_OPTIONS, QualityOptions } from '../../server/src/docstrings/checks';
import { canonicalType } from '../../server/src/docstrings/checks/typeText';
import { spacingOnly } from './pydoclintDifferences';
import { decomposeTuple } from '../../server/src/docstrings/checks/annotations';
import { parseDocstring } from '../../server/src/docstrings/parse';
import { lineStarts } from '../../server/src/python/lines';
import { functionBodyFacts, parseSignature } from '../../server/src/python/signature';
import { generatorKind, isIteratorAnnotation } from '../../server/src/python/annotations';
import { Definition, parseStructure } from '../../server/src/python/structure';
import { OracleFinding, pydoclintMissing, runPydoclint } from '../oracles/pydoclint';
import { stdlibRoot } from '../oracles/stdlib';
import { stdlibPythonFiles } from '../helpers/stdlib';

const REPO = path.join(__dirname, '..', '..', '..');
const FIXTURES = path.join(REPO, 'test', 'fixtures', 'docstrings', 'checks');
const FULL = process.env.DOCBITS_FULL_DIFF === '1';

type Style = QualityOptions['style'];

interface FileSet {
  name: string;
  root: string;
  files: string[];
}

/** Non-test stdlib modules whose docstrings use the style's markers (`Args:` / `:param`). */
function stdlibSet(style: 'google' | 'sphinx', root: string): FileSet {
  const marker = style === 'google' ? /^\s+Args:\s*$/m : /^\s+:param /m;
  const files: string[] = [];
  const walk = (dir: string, rel: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name === 'site-packages' || entry.name === '__pycache__' || /^(test|tests|idle_test|lib2to3\/tests)$/.test(entry.name)) continue;
      const r = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path.join(dir, entry.name), r);
      else if (entry.name.endsWith('.py') && (FULL || marker.test(fs.readFileSync(path.join(dir, entry.name), 'utf8')))) files.push(r);
    }
  };
  walk(root, '');
  return { name: `stdlib (${FULL ? 'all non-test modules' : `modules with ${style === 'google' ? 'Args:' : ':param'}`})`, root, files };
}

/** Where Debian installs python3 packages (.ci/run installs python3-attr and python3-ipython, which brings pygments). */
const DIST_PACKAGES = '/usr/lib/python3/dist-packages';
/** Real projects nobody here wrote, each in its own docstring habits: attrs (sphinx fields), pygments, IPython (numpy). */
const THIRD_PARTY = ['attr', 'pygments', 'IPython'];

/**
 * Every module of a package Debian installed, but its tests. pydoclint runs in `/`, not in the package: `python3 -m`
 * puts its working folder first on sys.path, and pygments/token.py would shadow the stdlib's `token`.
 */
function packageSet(name: string): FileSet {
  const root = path.join(DIST_PACKAGES, name);
  if (!fs.existsSync(root)) throw new Error(`${root} is missing: apt-get install python3-attr python3-ipython (as .ci/run does)`);
  const files = stdlibPythonFiles(root).filter((f) => !f.includes('/tests/')).map((f) => path.relative('/', f));
  return { name: `${name} (Debian's)`, root: '/', files };
}

/**
 * The documented differences, by name (README): whether one explains a disagreement on `code` at definition
 * `def` (ours: whether we report it; pydoclint's message when it does).
 */
interface Context {
  text: string;
  def: Definition | undefined;
  index: number;
  code: string;
  theirMessage: string | undefined;
  ourMessage: string | undefined;
  facts: ReturnType<typeof functionBodyFacts> | undefined;
  hasNestedDef: boolean;
  hasWarns: boolean;
  /** The docstring (numpy) has an entry naming several arguments (`x1, x2 : int`). */
  combinedNames: boolean;
  /** Every documented argument's type equals its annotation but for spacing (pydoclint's unordered compare hashes the raw text). */
  spacingOnlyArgs: boolean;
  options: QualityOptions;
  /** The function's return annotation (without its quotes), or null. */
  returns: string | null;
  /** Whether the return annotation is a string (`-> "Iterator[int]"`). */
  returnsQuoted: boolean;
}

const DIFFERENCES: Array<{ name: string; explains: (c: Context) => boolean }> = [
  {
    name: 'a bare `return` returns no value',
    // Without it the function only yields: DOC403 when there is no Iterator annotation, where pydoclint's
    // "returns and yields" check asks DOC405 instead.
    explains: (c) => /^DOC(20[123]|40[2345])$/.test(c.code) && c.facts?.returnsBare === true,
  },
  {
    name: 'statements are found at any depth, also after a nested function',
    explains: (c) => /^DOC(50[1234]|20[123]|40[2345])$/.test(c.code) && c.hasNestedDef,
  },
  {
    name: 'a variable (`raise exc`) is not an exception type',
    explains: (c) => c.code === 'DOC503' && c.facts?.unnamedRaise === true,
  },
  {
    name: '`module.Error` matches `Error`',
    explains: (c) => c.code === 'DOC503' && (c.facts?.raises.some((r) => r.includes('.')) === true || /'[\w.]*\.\w+'/.test(c.theirMessage ?? '')),
  },
  {
    name: 'a re-raise inside `except X` raises X',
    explains: (c) => c.code === 'DOC503' && c.def !== undefined && /\bexcept\b/.test(c.text.slice(0, 0) + bodyText(c)),
  },
  {
    name: 'a module-qualified Generator or Iterator annotation (`typing.Iterator[int]`) is one',
    explains: (c) => /^DOC(20[123]|40[2345])$/.test(c.code) && c.returns !== null && /^(?:[A-Za-z_]\w*\.)+(?:Async)?(?:Generator|Iterator|Iterable)\b/.test(c.returns),
  },
  {
    name: 'a numpy entry may name several arguments (`x1, x2 : array_like`)',
    explains: (c) => /^DOC1(?:0[1-7]|09|10)$/.test(c.code) && c.combinedNames,
  },
  {
    name: 'Warns is not Raises',
    explains: (c) => /^DOC50[123]$/.test(c.code) && c.hasWarns,
  },
  {
    name: 'types that differ only in spacing are the same',
    explains: (c) => (/^DOC(203|404)$/.test(c.code) && c.theirMessage !== undefined && spacingOnly(c.theirMessage)) ||
      (/^DOC[16]05$/.test(c.code) && c.theirMessage !== undefined && c.spacingOnlyArgs),
  },
  {
    name: 'numpy Yields may list a yielded tuple item by item',
    explains: (c) => c.code === 'DOC404' && c.theirMessage !== undefined && tupleItemByItem(c.theirMessage),
  },
  {
    name: 'a `yield` inside an expression makes a generator',
    explains: (c) => /^DOC(20[123]|40[2345])$/.test(c.code) && /[=(,:]\s*yield\b|\breturn\s+\(?\s*yield\b|\bawait\s+yield\b/.test(bodyText(c)),
  },
  {
    name: 'an exception may be documented more than once',
    explains: (c) => c.code === 'DOC503' && c.theirMessage !== undefined && documentedTwice(c.theirMessage),
  },
  {
    name: 'a quoted return annotation is the type it quotes',
    explains: (c) => /^DOC(20[123]|40[2345])$/.test(c.code) && c.returnsQuoted && c.returns !== null && isIteratorOrGenerator(c.returns),
  },
  {
    name: 'numpy types keep their default with check-arg-defaults',
    explains: (c) => c.code === 'DOC105' && c.options.checkArgDefaults && c.options.style === 'numpy' && !!c.def?.docstring &&
      parseDocstring(c.text, lineStarts(c.text), c.def.docstring, { style: 'numpy' }).sections.some((s) => s.kind === 'params' && s.entries.some((e) => /, default|\(default\)/.test(e.type ?? ''))),
  },
  {
    name: 'a sphinx field ends at a blank line',
    explains: (c) => /^DOC(105|203|404|605)$/.test(c.code) && c.options.style === 'sphinx' && c.ourMessage === undefined &&
      /^[ \t]*:(?:type [^:\n]+|rtype|ytype|vartype [^:\n]+):[^\n]*\n[ \t]*\n[ \t]*(?![:"']|$)\S/m.test(c.def?.docstring ? c.text.slice(c.def.docstring.start, c.def.docstring.end) : ''),
  },
  {
    name: 'a role names the exception of a bare `:raises:`',
    // Ours only, and only where the exception the role names is not raised (pydoclint's empty name matches any).
    explains: (c) => c.code === 'DOC503' && c.options.style === 'sphinx' && c.ourMessage?.includes('documented but not raised') === true &&
      /^\s*:raises?:\s*:[\w.:-]+:`/m.test(c.def?.docstring ? c.text.slice(c.def.docstring.start, c.def.docstring.end) : ''),
  },
];

const isIteratorOrGenerator = (annotation: string): boolean => generatorKind(annotation) !== null || isIteratorAnnotation(annotation);

/** pydoclint's DOC503 on a Raises section that names an exception twice (once per cause), none missing or extra. */
function documentedTwice(message: string): boolean {
  const r = /in the docstring: \[(.*?)\]\. Raised exceptions in the body: \[(.*?)\]/.exec(message);
  if (!r) return false;
  const list = (t: string): string[] => t.split(', ').filter((x) => x !== '').map((x) => x.replace(/^'|'$/g, ''));
  const documented = list(r[1]), unique = [...new Set(documented)], raised = list(r[2]);
  return unique.length < documented.length && unique.length === raised.length && raised.every((x, i) => x.startsWith(unique[i]));
}

function bodyText(c: Context): string {
  if (!c.def) return '';
  const starts = lineStarts(c.text);
  return c.text.slice(c.def.headerEnd, starts[c.def.endLine + 1] ?? c.text.length);
}

/** pydoclint's DOC404 on numpy entries, one per item of a yielded tuple: it compares the first with the whole tuple. */
function tupleItemByItem(message: string): boolean {
  const r = /Iterator\[...\]\): (.*); docstring "yields" section types: (.*)$/.exec(message);
  const items = r ? decomposeTuple(r[1]) : [];
  return r !== null && items.length >= 2 && canonicalType(items[0]) === canonicalType(r[2]);
}

/** pydoclint's DOC203 / DOC404 message names both types: are they the same but for spacing? */
function argTypesDifferOnlyInSpacing(text: string, starts: readonly number[], def: Definition, style: Style): boolean {
  if (!def.docstring || def.keyword !== 'def') return false;
  const params = parseSignature(text, starts[def.nameLine] + def.nameEnd, def.headerEnd).params;
  const entries = parseDocstring(text, starts, def.docstring, { style }).sections.filter((s) => s.kind === 'params').flatMap((s) => s.entries);
  let differ = false;
  for (const e of entries) {
    const p = params.find((q) => q.name === e.name);
    if (!p || !p.annotation || !e.type) continue;
    if (canonicalType(e.type) !== canonicalType(p.annotation)) return false;
    if (e.type.replace(/["']/g, '') !== p.annotation.replace(/["']/g, '')) differ = true;
  }
  return differ;
}

interface Tally {
  both: number;
  onlyTheirs: number;
  onlyOurs: number;
  explained: Map<string, number>;
  unexplained: string[];
}

const key = (file: string, line: number, code: string): string => `${file}:${line}:${code}`;

function compare(set: FileSet, flags: string[], options: QualityOptions, tally: Tally): void {
  const theirs = new Map<string, OracleFinding>();
  for (const f of runPydoclint(set.files, flags, set.root)) {
    if (f.code === 'DOC002') continue; // files CPython cannot parse: not ours to judge here
    theirs.set(key(f.path, f.line, f.code), f);
  }
  for (const file of set.files) {
    const text = fs.readFileSync(path.join(set.root, file), 'utf8');
    const structure = parseStructure(text);
    const starts = lineStarts(text);
    const ours = new Map<string, string>();
    for (const f of checkDocstrings({ text, structure, lineStarts: starts }, options)) ours.set(key(file, f.line + 1, f.code), f.message);
    const keys = new Set<string>([...ours.keys()]);
    for (const k of theirs.keys()) if (k.startsWith(`${file}:`)) keys.add(k);
    for (const k of keys) {
      const inOurs = ours.has(k);
      const inTheirs = theirs.has(k);
      if (inOurs && inTheirs) {
        tally.both++;
        continue;
      }
      if (inOurs) tally.onlyOurs++;
      else tally.onlyTheirs++;
      const [, lineText, code] = /:(\d+):(DOC\d+)$/.exec(k)!;
      const index = structure.definitions.findIndex((d) => d.line + 1 === Number(lineText));
      const def = structure.definitions[index];
      const context: Context = {
        text, def, index, code, theirMessage: theirs.get(k)?.message, ourMessage: ours.get(k),
        facts: def && def.keyword === 'def' ? functionBodyFacts(text, starts, structure.definitions, index) : undefined,
        hasNestedDef: index >= 0 && structure.definitions.some((d) => d.parent === index),
        // An __init__ is checked against its class's docstring (without allow-init-docstring, or without its own).
        hasWarns: [def, def?.name === '__init__' && def.parent >= 0 ? structure.definitions[def.parent] : undefined].some((d) =>
          d?.docstring ? parseDocstring(text, starts, d.docstring, { style: options.style }).sections.some((s) => s.kind === 'warns') : false),
        combinedNames: options.style === 'numpy' && [def, def?.name === '__init__' && def.parent >= 0 ? structure.definitions[def.parent] : undefined].some((d) =>
          d?.docstring ? parseDocstring(text, starts, d.docstring, { style: 'numpy' }).sections.some((s) => s.entries.some((e) => /,/.test(e.name ?? ''))) : false),
        spacingOnlyArgs: def !== undefined && argTypesDifferOnlyInSpacing(text, starts, def, options.style),
        options,
        returns: def && def.keyword === 'def' ? parseSignature(text, starts[def.nameLine] + def.nameEnd, def.headerEnd).returns : null,
        returnsQuoted: def !== undefined && /->\s*["']/.test(text.slice(starts[def.nameLine] + def.nameEnd, def.headerEnd)),
      };
      const difference = DIFFERENCES.find((d) => d.explains(context));
      if (difference) tally.explained.set(difference.name, (tally.explained.get(difference.name) ?? 0) + 1);
      else tally.unexplained.push(`${set.name}: ${inOurs ? 'only ours' : 'only pydoclint'} ${k} ${flags.join(' ')} ${inOurs ? ours.get(k) : theirs.get(k)!.message}`.slice(0, 400));
    }
  }
}

/** pydoclint's flags and our options for the same run. */
interface Combination {
  name: string;
  flags: string[];
  options: Partial<QualityOptions>;
}

const COMBINATIONS: Combination[] = [
  { name: 'no type hints anywhere', flags: ['--arg-type-hints-in-docstring=False', '--arg-type-hints-in-signature=False'], options: { argTypeHintsInDocstring: false, argTypeHintsInSignature: false } },
  { name: 'short docstrings checked too', flags: ['--skip-checking-short-docstrings=False'], options: { skipCheckingShortDocstrings: false } },
  { name: 'no return, yield or order checks', flags: ['--check-return-types=False', '--check-yield-types=False', '--check-arg-order=False'], options: { checkReturnTypes: false, checkYieldTypes: false, checkArgOrder: false } },
  { name: '__init__ docstrings allowed, raises not checked', flags: ['--allow-init-docstring=True', '--skip-checking-raises=True'], options: { allowInitDocstring: true, skipCheckingRaises: true } },
  {
    name: 'private attributes, properties as attributes, private args ignored',
    flags: ['--should-document-private-class-attributes=True', '--treat-property-methods-as-class-attributes=True', '--ignore-private-args=True'],
    options: { shouldDocumentPrivateClassAttributes: true, treatPropertyMethodsAsClassAttributes: true, ignorePrivateArgs: true },
  },
  {
    name: 'sections required for nothing, asserts declared',
    flags: ['--require-return-section-when-returning-nothing=True', '--require-yield-section-when-yielding-nothing=True', '--should-declare-assert-error-if-assert-statement-exists=True'],
    options: { requireReturnSectionWhenReturningNothing: true, requireYieldSectionWhenYieldingNothing: true, shouldDeclareAssertErrorIfAssertStatementExists: true },
  },
  {
    name: 'star arguments not documented, private functions skipped, noqa on the def line',
    flags: ['--should-document-star-arguments=False', '--skip-checking-private-functions=True', '--native-mode-noqa-location=definition', '--ignore-underscore-args=False'],
    options: { shouldDocumentStarArguments: false, skipCheckingPrivateFunctions: true, nativeModeNoqaLocation: 'definition', ignoreUnderscoreArgs: false },
  },
];

describe('docstring checks: the same findings as pydoclint 0.9.0', function () {
  this.timeout(FULL ? 3_600_000 : 300_000);
  const tally: Tally = { both: 0, onlyTheirs: 0, onlyOurs: 0, explained: new Map(), unexplained: [] };
  const fixtures = (style: Style): FileSet => ({
    name: `fixtures (${style})`, root: FIXTURES, files: [`${style}_cases.py`, ...(style === 'numpy' ? ['numpy_headers.py', 'numpy_yields.py', 'numpy_defaults.py'] : style === 'sphinx' ? ['sphinx_fields.py'] : ['google_entries.py'])],
  });
  const sample: FileSet = { name: 'sample', root: path.join(REPO, 'sample'), files: ['shapes/__init__.py', 'shapes/flags.py', 'shapes/geometry.py'] };
  let google: FileSet;
  let sphinx: FileSet;

  before(function () {
    const missing = pydoclintMissing();
    if (missing) throw new Error(missing);
    const root = stdlibRoot();
    google = stdlibSet('google', root);
    sphinx = stdlibSet('sphinx', root);
  });

  it('pydoclint\'s defaults (numpy) on the sample, the numpy fixtures and the google-style stdlib modules', () => {
    for (const set of [sample, fixtures('numpy'), google]) compare(set, [], DEFAULT_QUALITY_OPTIONS, tally);
  });

  for (const style of ['google', 'numpy', 'sphinx'] as Style[]) {
    it(`--style=${style} on its fixtures, the sample${style === 'numpy' ? '' : ` and the ${style}-style stdlib modules`}`, () => {
      const sets = [fixtures(style), sample, ...(style === 'google' ? [google] : style === 'sphinx' ? [sphinx] : [])];
      for (const set of sets) compare(set, [`--style=${style}`], { ...DEFAULT_QUALITY_OPTIONS, style }, tally);
    });
  }

  for (const combination of COMBINATIONS) {
    it(`options: ${combination.name} (google and sphinx)`, () => {
      for (const [style, stdlib] of [['google', google], ['sphinx', sphinx]] as Array<[Style, FileSet]>) {
        for (const set of [fixtures(style), stdlib]) {
          compare(set, [`--style=${style}`, ...combination.flags], { ...DEFAULT_QUALITY_OPTIONS, style, ...combination.options }, tally);
        }
      }
    });
  }

  // pydoclint refuses check-arg-defaults with sphinx: numpy and google only.
  it('options: check-arg-defaults (numpy and google)', () => {
    const flags = ['--check-arg-defaults=True'];
    compare(fixtures('numpy'), ['--style=numpy', ...flags], { ...DEFAULT_QUALITY_OPTIONS, style: 'numpy', checkArgDefaults: true }, tally);
    compare(sample, ['--style=numpy', ...flags], { ...DEFAULT_QUALITY_OPTIONS, style: 'numpy', checkArgDefaults: true }, tally);
    for (const set of [fixtures('google'), google]) compare(set, ['--style=google', ...flags], { ...DEFAULT_QUALITY_OPTIONS, style: 'google', checkArgDefaults: true }, tally);
  });

  it('third-party packages (attrs, pygments, IPython as Debian ships them) in every style', () => {
    for (const name of THIRD_PARTY) {
      const set = packageSet(name);
      for (const style of ['numpy', 'google', 'sphinx'] as Style[]) compare(set, [`--style=${style}`], { ...DEFAULT_QUALITY_OPTIONS, style }, tally);
    }
  });

  // DOC003: each style configured against docstrings written in every style (each style's fixtures, both stdlib sets).
  it('options: check-style-mismatch, each style against docstrings in all three', () => {
    for (const style of ['numpy', 'google', 'sphinx'] as Style[]) {
      for (const set of [fixtures('numpy'), fixtures('google'), fixtures('sphinx'), sample, google, sphinx]) {
        compare(set, [`--style=${style}`, '--check-style-mismatch=True'], { ...DEFAULT_QUALITY_OPTIONS, style, checkStyleMismatch: true }, tally);
      }
    }
  });

  after(function () {
    const total = tally.both + tally.onlyOurs + tally.onlyTheirs;
    if (total === 0) return;
    const explained = [...tally.explained.values()].reduce((a, b) => a + b, 0);
    const lines = [
      `pydoclint agreement: ${tally.both} findings in both, ${tally.onlyTheirs} only pydoclint's, ${tally.onlyOurs} only ours:`,
      `  ${(100 * tally.both / total).toFixed(2)}% of all findings the same; ${(100 * (tally.both + explained) / total).toFixed(2)}% once the documented differences are counted as agreed`,
      ...[...tally.explained].sort((a, b) => b[1] - a[1]).map(([name, n]) => `  documented difference: ${name}: ${n}`),
      `  unexplained: ${tally.unexplained.length}`,
      ...tally.unexplained.slice(0, 40).map((u) => `    ${u}`),
    ];
    console.log(lines.join('\n'));
  });

  it('every disagreement is a documented difference', () => {
    assert.deepStrictEqual(tally.unexplained, []);
  });
});
