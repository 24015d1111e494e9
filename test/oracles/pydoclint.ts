/**
 * pydoclint itself (../shared/oracles/pydoclint.sh, 0.9.0 from source; needs Debian's python3-click) as an
 * oracle: its findings on some texts, by text and line. One pydoclint run for all the texts.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const PYDOCLINT_SH = path.join(__dirname, '..', '..', '..', '..', 'shared', 'oracles', 'pydoclint.sh');

export interface PydoclintFinding {
  line: number;
  code: string;
  message: string;
}

export function pydoclintRunnable(): boolean {
  if (!fs.existsSync(PYDOCLINT_SH)) return false;
  return spawnSync('/usr/bin/python3', ['-c', 'import click'], { encoding: 'utf8' }).status === 0;
}

/** pydoclint's findings on each text (written to scratch files), in the order of the texts. */
export function pydoclintFindings(texts: string[], args: string[]): PydoclintFinding[][] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docbits-pydoclint-'));
  try {
    const files = texts.map((text, i) => {
      const file = path.join(dir, `f${i}.py`);
      fs.writeFileSync(file, text, 'utf8');
      return file;
    });
    const run = spawnSync('bash', [PYDOCLINT_SH, ...args, ...files], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const byFile = new Map<string, PydoclintFinding[]>();
    let current: PydoclintFinding[] | undefined;
    // pydoclint prints its findings on stderr.
    for (const line of `${run.stdout}\n${run.stderr}`.split('\n')) {
      const finding = /^ {4}(\d+): (DOC\d+): (.*)$/.exec(line);
      if (finding && current) current.push({ line: Number(finding[1]), code: finding[2], message: finding[3] });
      else if (line.trim() !== '' && !line.startsWith(' ')) {
        current = [];
        byFile.set(path.resolve(line.trim()), current);
      }
    }
    return files.map((file) => byFile.get(file) ?? []);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
