/**
 * Differential test: the built `docbits` CLI against interrogate 1.7.0 itself over seeded generated projects
 * (projects.ts, pythonModules.ts) × seeded option combinations and config files (optionCases.ts): stdout, exit
 * code and stderr byte for byte, both run from the project root on the same arguments.
 *
 * DOCBITS_DIFF_SEED, DOCBITS_DIFF_COUNT (projects) and DOCBITS_DIFF_CASES (cases a project) run other or more;
 * DOCBITS_DIFF_ONLY=N replays project N alone; DOCBITS_DIFF_KEEP=1 keeps the projects that differ on disk;
 * DOCBITS_DIFF_REPORT=FILE writes every mismatch there (the assertion shows the first three).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { caseSeed, Prng } from '../helpers/prng';
import { INTERROGATE_TESTS, interrogateMissing, Run, runBoth, runDocbits, runInterrogate } from '../oracles/interrogate';
import { Case, EXACT_FAIL_UNDER, generateCase } from './optionCases';
import { describeProject, generateProject, Project, readProject, writeProject } from './projects';

const env = process.env;
const SEED = Number(env.DOCBITS_DIFF_SEED ?? 20261201);
// About 0.33 s a comparison (the two tools side by side, python's start dominating): 196 + 28 on the sample in ~75 s on 2 cores.
const PROJECTS = Number(env.DOCBITS_DIFF_COUNT ?? 28);
const CASES = Number(env.DOCBITS_DIFF_CASES ?? 7);
const ONLY = env.DOCBITS_DIFF_ONLY === undefined ? undefined : Number(env.DOCBITS_DIFF_ONLY);

interface Mismatch {
  /** The generated project's index, or `sample`. */
  project: string;
  args: string[];
  configFiles: Map<string, string>;
  listing: string;
  differences: string[];
  folder: string;
}

/** The first line where two outputs part, with its number. */
function firstDifference(a: string, b: string): string {
  const al = a.split('\n'), bl = b.split('\n');
  for (let i = 0; i < Math.max(al.length, bl.length); i++) {
    if (al[i] !== bl[i]) return `line ${i + 1}: interrogate ${JSON.stringify(al[i])} docbits ${JSON.stringify(bl[i])}`;
  }
  return 'same lines';
}

/** interrogate runs here as `python -m interrogate`, which click puts in its usage line; installed, it says `interrogate`. */
function normalizeInterrogate(run: Run): Run {
  return { ...run, stderr: run.stderr.replace(/^Usage: python -m interrogate /m, 'Usage: docbits ') };
}

/** `x` as an exact decimal fraction, from the text the user gave: "48.3" -> 483 / 10. */
function decimal(text: string): { units: bigint; scale: bigint } {
  const [whole, fraction = ''] = text.split('.');
  return { units: BigInt(`${whole}${fraction}`), scale: 10n ** BigInt(fraction.length) };
}

/**
 * The README's "exact counts" difference: interrogate rounds the percentage to the minimum's decimals before
 * comparing, docbits compares the counts; and where the one-decimal figure would read as the other verdict,
 * docbits shows more decimals. Recognised as: everything but the RESULT line the same, and docbits' verdict
 * and exit code the exact ones, with a shown figure on the verdict's side of the minimum and within 0.1 of
 * the true percentage (counts from docbits' --json, compared as integers here).
 */
async function isExactCountsDifference(expected: Run, actual: Run, args: string[], cwd: string): Promise<boolean> {
  if (expected.stderr !== actual.stderr) return false;
  const rest = (stdout: string) => stdout.split('\n').filter((line) => !line.includes('RESULT: '));
  if (JSON.stringify(rest(expected.stdout)) !== JSON.stringify(rest(actual.stdout))) return false;
  const line = /RESULT: (PASSED|FAILED) \(minimum: ([\d.e+-]+)%, actual: ([\d.]+)%\)/.exec(actual.stdout);
  if (!line) return false;
  const probe = args.filter((a) => !DISPLAY_FLAGS.has(a));
  const { totals } = JSON.parse(runDocbits([...probe, '--json'], { cwd }).stdout) as { totals: { total: number; covered: number } };
  const minimum = decimal(line[2]);
  const passes = totals.total === 0 || BigInt(totals.covered) * 100n * minimum.scale >= minimum.units * BigInt(totals.total);
  const shown = Number(line[3]), truth = totals.total === 0 ? 100 : (totals.covered / totals.total) * 100;
  return (line[1] === 'PASSED') === passes && actual.code === (passes ? 0 : 1) &&
    (shown >= Number(line[2])) === passes && Math.abs(shown - truth) < 0.1;
}

function compare(expected: Run, actual: Run): string[] {
  const differences: string[] = [];
  if (expected.code !== actual.code) differences.push(`exit code: interrogate ${expected.code} docbits ${actual.code}`);
  if (expected.stdout !== actual.stdout) differences.push(`stdout ${firstDifference(expected.stdout, actual.stdout)}`);
  // A traceback would be interrogate crashing, which the generators avoid; stderr is compared in full.
  if (expected.stderr !== actual.stderr) differences.push(`stderr ${firstDifference(expected.stderr, actual.stderr)}`);
  return differences;
}

/**
 * Replaces the `-f` placeholder with the run's own coverage, written as interrogate compares it (rounded to
 * the value's own decimals): exactly, rounded to 0-2 places, or one unit above, from docbits' --json totals.
 */
function fillExactFailUnder(r: Prng, args: string[], cwd: string): string[] {
  const at = args.indexOf(EXACT_FAIL_UNDER);
  if (at < 0) return args;
  const probe = [...args.slice(0, at), '0', ...args.slice(at + 1)].filter((a) => a !== '-q');
  const docbits = runDocbits([...probe, '--json'], { cwd });
  let percent = 100;
  try {
    const { total, covered } = JSON.parse(docbits.stdout).totals;
    if (total) percent = (covered / total) * 100;
  } catch {
    // No report (an error case): any value does.
  }
  const places = r.int(0, 2);
  const rounded = Math.round(percent * 10 ** places) / 10 ** places;
  const value = r.pick([String(percent), rounded.toFixed(places), (rounded + 10 ** -places).toFixed(places)]);
  return [...args.slice(0, at), value, ...args.slice(at + 1)];
}

/** Flags that change what a report shows, not which files a run covers. */
const DISPLAY_FLAGS = new Set(['-q', '-v', '-vv', '--omit-covered-files', '--only-missing']);

/**
 * The README's named-files difference: a file given by name is left out when a walk would leave it out
 * (exclude, ignore-init-module, ext), where interrogate counts it. The walk's verdict comes from interrogate
 * itself: its -vv run over the file's folder, with the same options, either lists the file or not.
 */
async function namedFilesLeftOut(c: Case, args: string[], cwd: string): Promise<string[]> {
  const named = c.paths.filter((p) => fs.statSync(path.join(cwd, p)).isFile());
  const flags = args.slice(0, args.length - c.paths.length).filter((a) => !DISPLAY_FLAGS.has(a));
  const leftOut: string[] = [];
  for (const file of named) {
    const walk = runInterrogate([...flags, '-vv', '-f', '0', path.dirname(file) || '.'], { cwd });
    const name = path.basename(file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (!new RegExp(`^\\| ${name}( \\(module\\))? +\\|`, 'm').test(walk.stdout)) leftOut.push(file);
  }
  return leftOut;
}

/** What docbits should print when named files are left out: interrogate's run without them, or nothing to check. */
function withoutNamedFiles(args: string[], leftOut: string[], c: Case, cwd: string): Run {
  const remaining = c.paths.filter((p) => !leftOut.includes(p));
  if (remaining.length === 0) {
    const quiet = args.includes('-q') || [...c.configFiles.values()].some((text) => /^quiet\s*=\s*(true|1)/im.test(text));
    const message = `docbits: nothing to check: exclude, ignore-init-module or ext leaves out every file given (${c.paths.length}).\n`;
    return { code: 0, stdout: '', stderr: quiet ? '' : message };
  }
  return normalizeInterrogate(runInterrogate([...args.slice(0, args.length - c.paths.length), ...remaining], { cwd }));
}

async function runCase(r: Prng, c: Case, cwd: string): Promise<{ args: string[]; differences: string[]; known: boolean }> {
  for (const [file, text] of c.configFiles) {
    fs.mkdirSync(path.join(cwd, path.dirname(file)), { recursive: true });
    fs.writeFileSync(path.join(cwd, file), text);
  }
  try {
    const args = fillExactFailUnder(r, c.args, cwd);
    const { interrogate, docbits } = await runBoth(args, { cwd });
    let expected = normalizeInterrogate(interrogate);
    const same = expected.code === docbits.code && expected.stdout === docbits.stdout;
    const leftOut = same ? [] : await namedFilesLeftOut(c, args, cwd);
    if (leftOut.length > 0) expected = withoutNamedFiles(args, leftOut, c, cwd);
    const differences = compare(expected, docbits);
    return { args, differences, known: differences.length > 0 && await isExactCountsDifference(expected, docbits, args, cwd) };
  } finally {
    for (const file of c.configFiles.keys()) fs.rmSync(path.join(cwd, file));
  }
}

function report(m: Mismatch): string {
  const config = [...m.configFiles].map(([file, text]) => `--- ${file} (config)\n${text}`).join('');
  return [`project ${m.project} (seed ${SEED}) in ${m.folder}: ${m.args.map((a) => JSON.stringify(a)).join(' ')}`,
    ...m.differences.map((d) => `  ${d}`), config + m.listing].join('\n');
}

interface Tally {
  compared: number;
  /** Runs that differ only as the README's exact-counts line says (checked by isExactCountsDifference). */
  exactCounts: number;
  mismatches: Mismatch[];
}

/** `cases` seeded cases on `project`, written to a fresh folder (config files come and go in it). */
async function compareOn(r: Prng, project: Project, label: string, cases: number, tally: Tally): Promise<void> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), `docbits-idiff-${label}-`));
  writeProject(folder, project);
  let differs = false;
  for (let k = 0; k < cases; k++) {
    const c = generateCase(r, project);
    const { args, differences, known } = await runCase(r, c, folder);
    tally.compared++;
    if (!differences.length) continue;
    if (known) {
      tally.exactCounts++;
      continue;
    }
    differs = true;
    tally.mismatches.push({ project: label, args, configFiles: c.configFiles, listing: describeProject(project), differences, folder });
  }
  if (!(differs && env.DOCBITS_DIFF_KEEP)) fs.rmSync(folder, { recursive: true, force: true });
}

function settle(tally: Tally, expected: number): void {
  console.log(`      compared ${tally.compared} runs, ${tally.mismatches.length} differ, ${tally.exactCounts} more only by the exact fail-under (README)`);
  if (env.DOCBITS_DIFF_REPORT) fs.writeFileSync(env.DOCBITS_DIFF_REPORT, tally.mismatches.map(report).join('\n\n'));
  assert.strictEqual(tally.compared, expected);
  assert.strictEqual(tally.mismatches.length, 0, tally.mismatches.slice(0, 3).map(report).join('\n\n'));
}

describe('docbits vs interrogate 1.7.0 over generated projects × options', function () {
  this.timeout(Math.max(120_000, (PROJECTS + 1) * CASES * 2000));

  before(function () {
    const missing = interrogateMissing();
    if (missing) throw new Error(missing);
    // The differences this test tolerates or avoids are 1.7.0's.
    assert.strictEqual(runInterrogate(['--version'], { cwd: os.tmpdir() }).stdout, 'interrogate, version 1.7.0\n');
  });

  it(`prints the same stdout, stderr and exit code (seed ${SEED}, ${PROJECTS} projects × ${CASES} cases)`, async function () {
    const tally: Tally = { compared: 0, exactCounts: 0, mismatches: [] };
    const indices = ONLY === undefined ? [...Array(PROJECTS).keys()] : [ONLY];
    for (const index of indices) {
      const r = new Prng(caseSeed(SEED, index));
      await compareOn(r, generateProject(r), String(index), CASES, tally);
    }
    settle(tally, indices.length * CASES);
  });

  it(`does so on interrogate's own sample project (tests/functional/sample, ${CASES * 4} cases)`, async function () {
    const tally: Tally = { compared: 0, exactCounts: 0, mismatches: [] };
    const sample = readProject(path.join(INTERROGATE_TESTS, 'functional', 'sample'));
    assert.ok(sample.files.size >= 5, 'interrogate\'s sample project is there');
    await compareOn(new Prng(caseSeed(SEED, -1)), sample, 'sample', CASES * 4, tally);
    settle(tally, CASES * 4);
  });
});
