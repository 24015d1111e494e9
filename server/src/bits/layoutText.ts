/**
 * Symbolic layouts (symbolic.ts) in words: the exact map of the result's bits ("bits 0–3 are `d`'s bits 5–8;
 * bits 4 and up are 0") and, when one operand's bits are simply kept, set, cleared, flipped or moved, one plain
 * sentence saying so ("Holds bits 5–8 of `d` as a 4-bit number."). Ranges are lowest–highest, with an en dash.
 */
import { Layout, Run, runsOf } from './symbolic';

/** Runs listed at most in the map; the rest are summarized. */
const MAX_RUNS = 12;

/** `bit 7`, `bits 0–3`, `bits 8 and up` (plural forms for "are"). */
export function bitRange(from: number, to: number): string {
  if (to === Infinity) return `bits ${from} and up`;
  return from === to ? `bit ${from}` : `bits ${from}–${to}`;
}

function plural(from: number, to: number): boolean {
  return to === Infinity || to > from;
}

/** The result's bits, run by run: `Bits 0–3 are bits 5–8 of \`d\`; bits 4 and up are 0.` */
export function layoutMap(layout: Layout, sources: readonly string[]): string {
  const runs = runsOf(layout);
  const parts = runs.slice(0, MAX_RUNS).map((run) => {
    const verb = plural(run.from, run.to) ? 'are' : 'is';
    const what = run.kind === 'const' ? `${run.bit}` : run.kind === 'unknown' ? 'unknown'
      : `${bitRange(run.index, run.to === Infinity ? Infinity : run.index + run.to - run.from)} of \`${sources[run.operand]}\`${run.flipped ? ' flipped' : ''}`;
    return `${bitRange(run.from, run.to)} ${verb} ${what}`;
  });
  if (runs.length > MAX_RUNS) parts.push(`${runs.length - MAX_RUNS} more ranges not listed`);
  const text = parts.join('; ') + '.';
  return text[0].toUpperCase() + text.slice(1);
}

/**
 * For a layout that is one operand's bits from elsewhere, and zeros: `bits 5–8 of d` (or `bits 5 and up of
 * d`); undefined otherwise, and when the bits are in place (the letters say it all then).
 */
export function movedBits(layout: Layout, sources: readonly string[]): string | undefined {
  const runs = runsOf(layout);
  const operand = runs.filter((r) => r.kind === 'operand');
  if (operand.length !== 1 || runs.some((r) => r.kind !== 'operand' && !(r.kind === 'const' && r.bit === 0))) return undefined;
  const run = operand[0];
  if (run.kind !== 'operand' || run.index === run.from || run.flipped) return undefined;
  return `${bitRange(run.index, run.to === Infinity ? Infinity : run.index + run.to - run.from)} of ${sources[run.operand]}`;
}

/** `bits 0–1`, `bits 0–3 and 8`, `bits 4–7 and 12 and up`: ranges joined, "bit"/"bits" once. */
function rangesText(ranges: ReadonlyArray<{ from: number; to: number }>): string {
  const single = ranges.length === 1 && !plural(ranges[0].from, ranges[0].to);
  const each = ranges.map((r) => bitRange(r.from, r.to).replace(/^bits? /, ''));
  const listed = each.length <= 2 ? each.join(' and ') : `${each.slice(0, -1).join(', ')} and ${each[each.length - 1]}`;
  return `${single ? 'bit' : 'bits'} ${listed}`;
}

/**
 * One sentence for a layout built from a single operand: what happens to its bits. Undefined when more than
 * one operand is involved, some bit is unknown, or the operand's bits are both moved and flipped.
 */
export function layoutSentence(layout: Layout, sources: readonly string[]): string | undefined {
  const runs = runsOf(layout);
  const operandRuns = runs.filter((r): r is Extract<Run, { kind: 'operand' }> => r.kind === 'operand');
  if (runs.some((r) => r.kind === 'unknown') || operandRuns.length === 0) return undefined;
  const operand = operandRuns[0].operand;
  if (operandRuns.some((r) => r.operand !== operand)) return undefined;
  const x = '`' + sources[operand] + '`';
  const inPlace = operandRuns.every((r) => r.index === r.from);
  if (inPlace) {
    const pick = (test: (r: Run) => boolean): Run[] => runs.filter(test);
    const kept = pick((r) => r.kind === 'operand' && !r.flipped);
    const flipped = pick((r) => r.kind === 'operand' && r.flipped);
    const set = pick((r) => r.kind === 'const' && r.bit === 1);
    const cleared = pick((r) => r.kind === 'const' && r.bit === 0);
    const last = runs[runs.length - 1];
    const clauses: string[] = [];
    // When the high bits are the operand's own, say what changes; otherwise say what is kept.
    const keepsTheRest = last.kind === 'operand' && !last.flipped;
    if (!keepsTheRest && kept.length > 0) clauses.push(`keeps ${rangesText(kept)}`);
    if (set.length > 0) clauses.push(`sets ${rangesText(set)}`);
    if (cleared.length > 0 && (keepsTheRest || kept.length === 0 || flipped.length > 0 || set.length > 0)) {
      clauses.push(`clears ${rangesText(cleared)}`);
    }
    if (flipped.length > 0) {
      clauses.push(flipped.length === 1 && flipped[0].from === 0 && flipped[0].to === Infinity ? 'flips every bit' : `flips ${rangesText(flipped)}`);
    }
    if (clauses.length === 0) return undefined;
    const sentence = clauses.length === 1 ? clauses[0]
      : `${clauses.slice(0, -1).join(', ')} and ${clauses[clauses.length - 1]}`;
    // "of x" after the first clause reads best: "Keeps bits 0–3 of `x` and sets bit 7."
    const firstEnd = sentence.indexOf(clauses[0]) + clauses[0].length;
    const text = sentence.slice(0, firstEnd) + ` of ${x}` + sentence.slice(firstEnd) + '.';
    return text[0].toUpperCase() + text.slice(1);
  }
  // Moved: one run of the operand's bits, unflipped, somewhere else; every other bit is 0.
  if (operandRuns.length !== 1 || operandRuns[0].flipped || runs.some((r) => r.kind === 'const' && r.bit === 1)) return undefined;
  const run = operandRuns[0];
  const source = bitRange(run.index, run.to === Infinity ? Infinity : run.index + run.to - run.from);
  if (run.from === 0 && run.to !== Infinity) return `Holds ${source} of ${x} as a ${run.to + 1}-bit number.`;
  if (run.from === 0) return `Keeps ${source} of ${x}, moved down to bit 0.`;
  return `Moves ${source} of ${x} to ${bitRange(run.from, run.to)} (${bitRange(0, run.from - 1)} ${plural(0, run.from - 1) ? 'are' : 'is'} 0).`;
}
