/**
 * pydoclint 0.9.0 (beside the checkout at ../shared/oracles) as a differential oracle for the docstring-quality
 * checks: run over files with given options, its findings read back as (path, line, code, message).
 *
 * It needs Debian's python3-click (.ci/run installs it); a machine without it fails the tests that use it
 * with that message rather than skipping them.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const REPO = path.join(__dirname, '..', '..', '..');
const PYDOCLINT_SH = path.resolve(REPO, '..', 'shared', 'oracles', 'pydoclint.sh');
/** pydoclint's sources (and its vendored docstring_parser_fork), for oracles that import its modules. */
export const PYDOCLINT_ROOT = path.resolve(REPO, '..', 'shared', 'oracles', 'pydoclint');

export interface OracleFinding {
  /** As given on the command line. */
  path: string;
  /** 1-based, as pydoclint prints it. */
  line: number;
  code: string;
  message: string;
}

/** Why pydoclint cannot run here, or undefined when it can. */
export function pydoclintMissing(): string | undefined {
  if (!fs.existsSync(PYDOCLINT_SH)) return `pydoclint's oracle is not at ${PYDOCLINT_SH}`;
  const probe = spawnSync('/usr/bin/python3', ['-c', 'import click'], { encoding: 'utf8' });
  if (probe.status !== 0) return 'pydoclint needs Debian\'s python3-click (apt-get install -y python3-click; .ci/run installs it)';
  return undefined;
}

/** pydoclint over `files` (paths relative to `cwd`, or absolute) with `flags` (`--style=google`, ...). */
export function runPydoclint(files: readonly string[], flags: readonly string[], cwd: string): OracleFinding[] {
  const r = spawnSync(PYDOCLINT_SH, ['--quiet', '--show-filenames-in-every-violation-message=True', ...flags, ...files], {
    cwd, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: '1', PYTHONWARNINGS: 'ignore' },
  });
  // A crash exits 1 too, as findings do: a traceback tells them apart.
  if ((r.status !== 0 && r.status !== 1) || r.stderr.includes('Traceback (most recent call last)')) {
    throw new Error(`pydoclint failed (${r.status}): ${r.stderr.slice(-2000)}`);
  }
  const out: OracleFinding[] = [];
  for (const line of r.stderr.split('\n')) {
    const m = /^(.*?):(\d+): (DOC\d{3}): (.*)$/.exec(line);
    if (m) out.push({ path: m[1], line: Number(m[2]), code: m[3], message: m[4] });
  }
  return out;
}

/** A finding of one text, for tests that check texts rather than files (the Update docstring tests). */
export interface PydoclintFinding {
  line: number;
  code: string;
  message: string;
}

/** pydoclint's findings on each text (written to scratch files), in the order of the texts. One pydoclint run for all. */
export function pydoclintFindings(texts: string[], args: string[]): PydoclintFinding[][] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docbits-pydoclint-'));
  try {
    const files = texts.map((text, i) => {
      fs.writeFileSync(path.join(dir, `f${i}.py`), text, 'utf8');
      return `f${i}.py`;
    });
    const byFile = new Map<string, PydoclintFinding[]>(files.map((f) => [f, []]));
    for (const f of runPydoclint(files, args, dir)) byFile.get(f.path)?.push({ line: f.line, code: f.code, message: f.message });
    return files.map((file) => byFile.get(file)!);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
