/**
 * indexOf for a cursor that moves forward: it remembers its last answer, so asking again from any offset up
 * to that answer costs nothing. Searching afresh from each string or comment would read the rest of a long
 * line (or file) each time: quadratic.
 */
export class ForwardSearch {
  private searchedFrom = Infinity;
  private found = -1;

  constructor(private readonly text: string, private readonly needle: string) {}

  /** The first occurrence at or after `pos`, or the text's length. */
  at(pos: number): number {
    if (pos < this.searchedFrom || pos > this.found) {
      const index = this.text.indexOf(this.needle, pos);
      this.searchedFrom = pos;
      this.found = index < 0 ? this.text.length : index;
    }
    return this.found;
  }
}
