/** Indentation as CPython measures and stacks it (the INDENT / DEDENT rules). */
import { CH_FF, CH_SPACE, CH_TAB } from './chars';

/** A tab moves the column to the next multiple of this. */
const TAB_SIZE = 8;

/** The open indentation levels of one cursor, and the measure of a line's indentation (of one text). */
export class Indentation {
  /** The levels of the open blocks, outermost (0) first. */
  readonly levels: number[] = [0];
  /** Result of measure(): the offset just after the indentation it measured. */
  stop = 0;
  /** Result of dedentTo(): whether the column it went back to was one of the open levels. */
  matched = true;
  /** The last line measured (its start, column and stop): one cursor reads one text. */
  private measuredAt = -1;
  private measuredColumn = 0;
  private measuredStop = 0;

  /**
   * The indentation column of the line starting at `pos`: spaces count 1, tabs go to the next multiple of 8,
   * form feeds reset the column. Leaves the offset just after the indentation in `stop`.
   */
  measure(text: string, pos: number): number {
    // The line the skim measured is often measured again by next() when it starts that line.
    if (pos === this.measuredAt) {
      this.stop = this.measuredStop;
      return this.measuredColumn;
    }
    const from = pos;
    let column = 0;
    for (const end = text.length; pos < end; pos++) {
      const c = text.charCodeAt(pos);
      if (c === CH_SPACE) column++;
      else if (c === CH_TAB) column = (Math.floor(column / TAB_SIZE) + 1) * TAB_SIZE;
      else if (c === CH_FF) column = 0;
      else break;
    }
    this.stop = this.measuredStop = pos;
    this.measuredAt = from;
    this.measuredColumn = column;
    return column;
  }

  /**
   * Pops the levels deeper than `column` and returns how many DEDENTs that makes. A column between two levels
   * (`matched` false: "unindent does not match any outer indentation level") becomes a level of its own, so
   * that the next dedent works, and makes one DEDENT less.
   */
  dedentTo(column: number): number {
    const levels = this.levels;
    let count = 0;
    while (column < levels[levels.length - 1]) {
      levels.pop();
      count++;
    }
    this.matched = column === levels[levels.length - 1];
    if (!this.matched) {
      levels.push(column);
      count--;
    }
    return count;
  }
}
