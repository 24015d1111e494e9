/**
 * Python's difflib.get_close_matches, ported for click's "Did you mean --verbose?" hints: the suggestions have
 * to be the ones interrogate's users see. SequenceMatcher without a junk function; autojunk's "popular
 * element" rule applies only to sequences of 200 or more, which option names never are, but is kept so the
 * port agrees with CPython on any input.
 */

class SequenceMatcher {
  private a = '';
  private readonly b: string;
  private readonly b2j = new Map<string, number[]>();

  constructor(b: string) {
    this.b = b;
    for (let j = 0; j < b.length; j++) {
      const indices = this.b2j.get(b[j]);
      if (indices) indices.push(j);
      else this.b2j.set(b[j], [j]);
    }
    if (b.length >= 200) {
      const limit = Math.floor(b.length / 100) + 1;
      for (const [element, indices] of [...this.b2j]) if (indices.length > limit) this.b2j.delete(element);
    }
  }

  setA(a: string): void {
    this.a = a;
  }

  private longestMatch(alo: number, ahi: number, blo: number, bhi: number): [number, number, number] {
    const { a, b } = this;
    let besti = alo;
    let bestj = blo;
    let bestsize = 0;
    let j2len = new Map<number, number>();
    for (let i = alo; i < ahi; i++) {
      const next = new Map<number, number>();
      for (const j of this.b2j.get(a[i]) ?? []) {
        if (j < blo) continue;
        if (j >= bhi) break;
        const k = (j2len.get(j - 1) ?? 0) + 1;
        next.set(j, k);
        if (k > bestsize) {
          besti = i - k + 1;
          bestj = j - k + 1;
          bestsize = k;
        }
      }
      j2len = next;
    }
    // CPython extends the match over equal elements the popular-element rule left out of b2j.
    while (besti > alo && bestj > blo && a[besti - 1] === b[bestj - 1]) {
      besti--;
      bestj--;
      bestsize++;
    }
    while (besti + bestsize < ahi && bestj + bestsize < bhi && a[besti + bestsize] === b[bestj + bestsize]) bestsize++;
    return [besti, bestj, bestsize];
  }

  /** Sum of the sizes of get_matching_blocks(). */
  private matchedLength(): number {
    let total = 0;
    const queue: [number, number, number, number][] = [[0, this.a.length, 0, this.b.length]];
    while (queue.length > 0) {
      const [alo, ahi, blo, bhi] = queue.pop()!;
      const [i, j, k] = this.longestMatch(alo, ahi, blo, bhi);
      if (k === 0) continue;
      total += k;
      if (alo < i && blo < j) queue.push([alo, i, blo, j]);
      if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
    }
    return total;
  }

  ratio(): number {
    const length = this.a.length + this.b.length;
    return length === 0 ? 1 : (2 * this.matchedLength()) / length;
  }
}

/** difflib.get_close_matches(word, possibilities, n, cutoff): best first, ties by the larger string first. */
export function getCloseMatches(word: string, possibilities: Iterable<string>, n = 3, cutoff = 0.6): string[] {
  const matcher = new SequenceMatcher(word);
  const scored: [number, string][] = [];
  for (const candidate of possibilities) {
    matcher.setA(candidate);
    const score = matcher.ratio();
    if (score >= cutoff) scored.push([score, candidate]);
  }
  scored.sort((x, y) => y[0] - x[0] || (x[1] < y[1] ? 1 : x[1] > y[1] ? -1 : 0));
  return scored.slice(0, n).map(([, candidate]) => candidate);
}
