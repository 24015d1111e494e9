/**
 * The structural parser's fast path: moves a Tokenizer past what the parser does not need, producing no
 * tokens, and leaves it exactly where next() would have left it after reading the same text. Brackets,
 * strings, line joins, indentation and comments are followed as next() follows them; whatever needs next()'s
 * slow path (non-ASCII, errors, recovery, the end of input) is left to next().
 *
 * The contract is the parser's: parseStructure with the skim equals parseStructure reading every token
 * (test/python/structure.test.ts on the stdlib, and the fuzzer's fastSkip-equals-reference check).
 */
import { TokenKind } from '../tokens';
import {
  CH_AT, CH_BACKSLASH, CH_BANG, CH_COLON, CH_CR, CH_DQUOTE, CH_EQ, CH_FF, CH_HASH, CH_LBRACE, CH_LBRACKET, CH_LF,
  CH_LPAREN, CH_RBRACE, CH_RBRACKET, CH_RPAREN, CH_SPACE, CH_SQUOTE, CH_TAB, CH_VT, IDENT_PART, asciiWordAt,
  codeAt, hasFPrefix, isAsciiIdentifierPart, isDigit, isStringPrefix, operatorLength,
} from './chars';
import { Tokenizer } from './cursor';
import { scanStringBody } from './strings';

/**
 * Where the skim hands what it passes: the comments (`ownLine`: nothing but blanks before it) and, for
 * skipOrdinaryLines, each change of indentation depth with the last line that held a token before it.
 * An object with methods, given once to the Skim, not closures per call: every parse makes a new sink, and
 * a call through a new closure throws away the optimised code that called the previous one (V8's "wrong
 * call target"), on the hot line loops, in the second parse of a process. A method of one class is one target.
 */
export interface SkimSink {
  comment(start: number, end: number, line: number, column: number, ownLine: boolean): void;
  depth(depth: number, lastTokenLine: number): void;
}

/** Where a skim call left the cursor. */
export enum SkimStop {
  /** After the line break that ends a logical line (no NEWLINE token follows), or at a line next() must start. */
  LineStart = 0,
  /** Inside a logical line, before something next() must read. */
  InLine = 1,
  /** On the first token of a definition or decorator line, made the current token as next() would make it. */
  Definition = 2,
  /** Just after the bracket that closed the outermost open one (skipLine with `stopAtClose`). */
  BracketClosed = 3,
}

/** What skipLine needs to know of an ASCII character. */
const SKIM_CODE = 0, SKIM_BLANK = 1, SKIM_OPEN = 2, SKIM_CLOSE = 3, SKIM_LINE_BREAK = 4, SKIM_HASH = 5,
  SKIM_BACKSLASH = 6, SKIM_QUOTE = 7, SKIM_COLON = 8, SKIM_STOP = 9;
const SKIM_CLASS = new Uint8Array(128).fill(SKIM_STOP);
for (let c = 0; c < 128; c++) {
  if (IDENT_PART[c] === 1 || operatorLength(String.fromCharCode(c, 0), 0, c) > 0) SKIM_CLASS[c] = SKIM_CODE;
}
SKIM_CLASS[CH_SPACE] = SKIM_CLASS[CH_TAB] = SKIM_CLASS[CH_FF] = SKIM_CLASS[CH_VT] = SKIM_BLANK;
SKIM_CLASS[CH_LPAREN] = SKIM_CLASS[CH_LBRACKET] = SKIM_CLASS[CH_LBRACE] = SKIM_OPEN;
SKIM_CLASS[CH_RPAREN] = SKIM_CLASS[CH_RBRACKET] = SKIM_CLASS[CH_RBRACE] = SKIM_CLOSE;
SKIM_CLASS[CH_LF] = SKIM_CLASS[CH_CR] = SKIM_LINE_BREAK;
SKIM_CLASS[CH_HASH] = SKIM_HASH;
SKIM_CLASS[CH_COLON] = SKIM_COLON;
SKIM_CLASS[CH_BACKSLASH] = SKIM_BACKSLASH;
SKIM_CLASS[CH_DQUOTE] = SKIM_CLASS[CH_SQUOTE] = SKIM_QUOTE;

/**
 * The rest of a plain line in one native match: what skipLine passes without stopping or leaving a state behind
 * (names, numbers, operators, blanks, colons, `!=`), and brackets that close on the line, nested up to three
 * deep (skipLine's bracket depth ends where it began; where the outermost bracket opened is read only while
 * one is open). Each alternative starts with its own characters, so a failed bracket costs its length once.
 */
const PLAIN = String.raw`[A-Za-z0-9_ 	%&*+,\-./:;<=>@^|~]|!=`;
const OPEN = String.raw`[(\[{]`, CLOSE = String.raw`[)\]}]`;
const nested = (inner: string): string => `${OPEN}(?:${PLAIN}|${inner})*${CLOSE}`;
const PLAIN_CODE = new RegExp(`(?:${PLAIN}|${nested(nested(nested('(?!)')))})*`, 'y');

const ORDINARY_LINE = 0;
const SLOW_LINE = -1;

/**
 * What the skim makes of a line whose first non-blank character is at `pos` (code `c`): ORDINARY_LINE (it
 * surely starts no definition or decorator), the length of its first token when that is `def`, `class`,
 * `async` (keywords when no identifier character follows) or `@`, or SLOW_LINE for what next() must see (a
 * non-ASCII character, a backslash, a vertical tab, `@=`, a keyword followed by a non-ASCII character).
 */
function lineStartKind(text: string, pos: number, c: number): number {
  // A vertical tab is no indentation but a blank: what follows it may be a comment alone on its line.
  if (c >= 128 || c === CH_BACKSLASH || c === CH_HASH || c === CH_LF || c === CH_CR || c === CH_VT) return SLOW_LINE;
  if (c === CH_AT) return text.charCodeAt(pos + 1) === CH_EQ ? SLOW_LINE : 1;
  const keyword = c === 0x64 ? 'def' : c === 0x63 ? 'class' : c === 0x61 ? 'async' : '';
  if (keyword === '' || !asciiWordAt(text, pos, keyword)) return ORDINARY_LINE;
  const length = keyword.length;
  const after = text.charCodeAt(pos + length);
  if (after >= 128) return SLOW_LINE; // `defé` is a name; next() decides
  return isAsciiIdentifierPart(after) ? ORDINARY_LINE : length;
}

/** The skim of one Tokenizer. Its fields are the results of the last call, overwritten by the next one. */
export class Skim {
  /** The last line that held a token the call passed, or -1 if it passed none. */
  lastTokenLine = -1;
  /** The offset just after that token (valid when lastTokenLine >= 0). */
  lastTokenEnd = 0;
  /** Set by skipToCodeLine: the first non-blank character of the line it stopped at. */
  private codeLineFirst = 0;

  constructor(private readonly tk: Tokenizer, private readonly sink: SkimSink) {}

  /**
   * Moves past the rest of the current logical line, for callers that only need a line's first tokens (the
   * structural parser skips most of a file this way); comments go to the sink. Consumes the line break
   * that ends the logical line (LineStart: no NEWLINE token follows), or stops before anything that needs
   * next()'s slow path (InLine: the end of input, a recovery from brackets, errors). With `stopAtColon` it
   * also stops before a `:` at bracket depth 0 (the end of a `def` / `class` header; not `:=`); with
   * `stopAtClose`, just after the bracket that closes the outermost open one (BracketClosed).
   */
  skipLine(stopAtColon = false, stopAtClose = false): SkimStop {
    const tk = this.tk;
    this.lastTokenLine = -1;
    if (tk.pendingDedents > 0 || tk.finished || tk.atLineStart) return SkimStop.InLine;
    const text = tk.text;
    const from = tk.pos;
    let pos = from;
    let lastTokenLine = -1;
    let lastTokenEnd = 0;
    let stop = SkimStop.InLine;
    let tokenOnLine = true; // the caller has just read a token on this line, or is at its first one
    for (;;) {
      const c = text.charCodeAt(pos);
      // One table lookup per character: only quotes, comments, brackets, line breaks and backslashes matter.
      const k = c < 128 ? SKIM_CLASS[c] : SKIM_STOP;
      if (k === SKIM_CODE) {
        // A run of plain code (names, numbers, operators): the innermost loop, kept as small as it gets.
        let d: number;
        do d = text.charCodeAt(++pos); while (d < 128 && SKIM_CLASS[d] === SKIM_CODE);
        tokenOnLine = true;
        lastTokenLine = tk.line;
        lastTokenEnd = pos;
        continue;
      }
      if (k === SKIM_BLANK) {
        let d: number;
        do d = text.charCodeAt(++pos); while (d < 128 && SKIM_CLASS[d] === SKIM_BLANK);
        continue;
      }
      if (k === SKIM_OPEN || k === SKIM_CLOSE) {
        const depth = tk.parenDepth;
        tk.trackBracket(c, pos);
        tokenOnLine = true;
        lastTokenLine = tk.line;
        lastTokenEnd = ++pos;
        if (stopAtClose && depth === 1 && tk.parenDepth === 0) {
          stop = SkimStop.BracketClosed;
          break;
        }
        continue;
      }
      if (k === SKIM_COLON) {
        if (stopAtColon && tk.parenDepth === 0 && text.charCodeAt(pos + 1) !== CH_EQ) break;
        tokenOnLine = true;
        lastTokenLine = tk.line;
        lastTokenEnd = ++pos;
        continue;
      }
      if (k === SKIM_LINE_BREAK) {
        pos += c === CH_CR && text.charCodeAt(pos + 1) === CH_LF ? 2 : 1;
        tk.newLine(pos);
        if (tk.parenDepth === 0) {
          // The logical line's NEWLINE, consumed without a token: the caller asked to skip to here.
          tk.atLineStart = true;
          stop = SkimStop.LineStart;
          break;
        }
        tokenOnLine = false;
        if (tk.recoversAt(pos)) {
          tk.atLineStart = true; // next() recovers here
          break;
        }
        continue;
      }
      if (k === SKIM_HASH) {
        const end = tk.lineEndFrom(pos);
        this.sink.comment(pos, end, tk.line, pos - tk.lineStart, !tokenOnLine);
        pos = end;
        continue;
      }
      if (k === SKIM_BACKSLASH) {
        const d = text.charCodeAt(pos + 1);
        if (d !== CH_LF && d !== CH_CR) break; // an error token: next() reports it
        pos += d === CH_CR && text.charCodeAt(pos + 2) === CH_LF ? 3 : 2;
        tk.newLine(pos);
        tokenOnLine = false;
        if (tk.parenDepth > 0 && tk.recoversAt(pos)) {
          tk.atLineStart = true; // next() recovers here, as after any line break inside brackets
          break;
        }
        continue;
      }
      if (k === SKIM_QUOTE) {
        // The identifier characters just before the quote are its prefix if they form one (`rb"`).
        let prefixStart = pos;
        while (prefixStart > from && isAsciiIdentifierPart(text.charCodeAt(prefixStart - 1))) prefixStart--;
        if (prefixStart < pos && isDigit(text.charCodeAt(prefixStart))) {
          pos = prefixStart; // a number right before a quote: broken code, next() takes it
          break;
        }
        if (!(pos - prefixStart <= 2 && isStringPrefix(text, prefixStart, pos))) prefixStart = pos;
        const triple = text.charCodeAt(pos + 1) === c && text.charCodeAt(pos + 2) === c;
        if (triple && tk.options.recoverStrings) {
          pos = prefixStart; // cutting strings is next()'s job
          break;
        }
        const close = scanStringBody(text, pos + (triple ? 3 : 1), c, triple, hasFPrefix(text, prefixStart, pos), 0,
          tk.backslashes);
        if (close < 0) {
          pos = prefixStart; // unterminated: next() reports and recovers
          break;
        }
        tk.advanceLinesTo(pos, close); // triple quotes and backslash-newlines span lines
        tokenOnLine = true;
        lastTokenLine = tk.line;
        lastTokenEnd = pos = close;
        continue;
      }
      if (c === CH_BANG && text.charCodeAt(pos + 1) === CH_EQ) {
        tokenOnLine = true;
        lastTokenLine = tk.line;
        lastTokenEnd = pos += 2;
        continue;
      }
      // SKIM_STOP: the end of input, a character that is not Python (next() reports it), or a non-ASCII
      // character, maybe inside an identifier: next() takes that identifier from its start.
      if (c >= 128) while (pos > from && isAsciiIdentifierPart(text.charCodeAt(pos - 1))) pos--;
      break;
    }
    if (lastTokenLine >= 0) tk.lineHasContent = true;
    this.lastTokenLine = lastTokenLine;
    this.lastTokenEnd = lastTokenEnd;
    tk.pos = pos;
    return stop;
  }

  /**
   * Where next() would produce only NEWLINE (after a COMMENT, maybe) — the rest of the line is blanks and a
   * comment, the logical line has a token and no open bracket, a line break ends it — moves past them as next()
   * would (the comment to the sink with `ownLine`) and makes the NEWLINE the current token. Otherwise
   * (code, a backslash, brackets, the end of input) returns false and moves nothing. A header's colon, a
   * docstring and a decorator end this way: one check instead of one or two trips through next().
   */
  lineEndAfterToken(ownLine: boolean): boolean {
    const tk = this.tk;
    if (tk.atLineStart || !tk.lineHasContent || tk.parenDepth > 0 || tk.pendingDedents > 0 || tk.finished) return false;
    const text = tk.text;
    let pos = tk.pos;
    let c = codeAt(text, pos);
    while (c === CH_SPACE || c === CH_TAB || c === CH_FF || c === CH_VT) c = codeAt(text, ++pos);
    let comment = -1;
    if (c === CH_HASH) {
      comment = pos;
      pos = tk.lineEndFrom(pos);
      c = codeAt(text, pos);
    }
    if (c !== CH_LF && c !== CH_CR) return false;
    if (comment >= 0) this.sink.comment(comment, pos, tk.line, comment - tk.lineStart, ownLine);
    const end = c === CH_CR && text.charCodeAt(pos + 1) === CH_LF ? pos + 2 : pos + 1;
    tk.pos = pos;
    tk.emit(TokenKind.Newline, pos, end);
    tk.newLine(end);
    tk.atLineStart = true;
    return true;
  }

  /**
   * After skipLine stopped at a header's colon (`stopAtColon`): makes the colon the current token, as next()
   * would. False, moving nothing, when it stopped elsewhere.
   */
  takeHeaderColon(): boolean {
    const tk = this.tk;
    const pos = tk.pos;
    const text = tk.text;
    if (tk.atLineStart || tk.parenDepth > 0 || codeAt(text, pos) !== CH_COLON || text.charCodeAt(pos + 1) === CH_EQ) {
      return false;
    }
    tk.lineHasContent = true;
    tk.emit(TokenKind.Op, pos, pos + 1);
    return true;
  }

  /**
   * At the start of a line outside brackets, moves past blank and comment-only lines without producing their
   * COMMENT and NL tokens (the comments go to the sink, as own-line comments). They never change the
   * indentation, so next() carries on exactly as if it had read them.
   */
  skipBlankLines(): void {
    const tk = this.tk;
    if (!tk.atLineStart || tk.continued || tk.parenDepth > 0 || tk.pendingDedents > 0) return;
    this.skipToCodeLine();
  }

  /**
   * skipBlankLines' loop. Also measures the indentation of the line it stops at (as next() does): returns its
   * column and leaves its first character's offset in `codeLineFirst`, so that skipOrdinaryLines need not
   * read the indentation twice.
   */
  private skipToCodeLine(): number {
    const tk = this.tk;
    const text = tk.text;
    const length = text.length;
    const indentation = tk.indentation;
    let pos = tk.pos;
    for (;;) {
      const column = indentation.measure(text, pos);
      let first = indentation.stop;
      let c = codeAt(text, first);
      if (c === CH_HASH) {
        const end = tk.lineEndFrom(first);
        this.sink.comment(first, end, tk.line, first - tk.lineStart, true);
        tk.kind = TokenKind.Comment; // as if next() had produced it (the end-of-input logic looks)
        tk.start = first;
        tk.end = end;
        c = codeAt(text, end);
        first = end;
      }
      if (c !== CH_LF && c !== CH_CR) {
        // A line with code, or the end of input: next() takes it from its start.
        if (first >= length) tk.pos = first;
        this.codeLineFirst = first;
        return column;
      }
      pos = first + (c === CH_CR && text.charCodeAt(first + 1) === CH_LF ? 2 : 1);
      tk.pos = pos;
      tk.newLine(pos);
    }
  }

  /**
   * skipLine's fast path for a line that is plain code up to an optional comment and its \n (PLAIN_CODE):
   * passes it as skipLine would, from the line's first token (the cursor's position) on. False, moving
   * nothing, for any other line (strings, brackets left open, backslashes, \r, non-ASCII): skipLine's job.
   */
  private plainLine(): boolean {
    const tk = this.tk;
    const text = tk.text;
    PLAIN_CODE.lastIndex = tk.pos;
    PLAIN_CODE.test(text);
    let end = PLAIN_CODE.lastIndex;
    let c = codeAt(text, end);
    let comment = -1;
    if (c === CH_HASH) {
      comment = end;
      end = tk.lineEndFrom(end);
      c = codeAt(text, end);
    }
    if (c !== CH_LF) return false;
    if (comment >= 0) this.sink.comment(comment, end, tk.line, comment - tk.lineStart, false);
    tk.lineHasContent = true;
    tk.pos = end + 1;
    tk.newLine(end + 1);
    tk.atLineStart = true;
    return true;
  }

  /**
   * At the start of a logical line, moves past whole logical lines whose first token cannot start a
   * definition or a decorator: indentation is tracked as next() tracks it (each change of depth goes to
   * the sink's depth(), with the last line that held a token before it), the rest of each line is skipped as skipLine
   * skips it, comments go to the sink. Stops on the first token of a definition or decorator line
   * (Definition); at the start of a line it leaves to next() (one that starts with a backslash or a non-ASCII
   * character, the end of input: LineStart); or in the middle of a line that skipLine could not finish
   * (InLine). `lastTokenLine` is the last line that held a token before where it stopped.
   */
  skipOrdinaryLines(): SkimStop {
    const tk = this.tk;
    const text = tk.text;
    const levels = tk.indentation.levels;
    let lastTokenLine = -1;
    let stop = SkimStop.LineStart;
    while (tk.atLineStart && !tk.continued && tk.parenDepth === 0 && tk.pendingDedents === 0 && !tk.finished) {
      const column = this.skipToCodeLine();
      const pos = this.codeLineFirst;
      if (pos >= text.length) break;
      const c = text.charCodeAt(pos);
      const start = lineStartKind(text, pos, c);
      if (start === SLOW_LINE) break;
      // What next() does at the start of a line, without INDENT / DEDENT tokens.
      tk.atLineStart = false;
      tk.lineHasContent = false;
      tk.currentLineIndent = column;
      const depth = levels.length;
      if (column > levels[depth - 1]) levels.push(column);
      else if (column < levels[depth - 1]) tk.dedentTo(column, pos);
      if (levels.length !== depth) this.sink.depth(levels.length - 1, lastTokenLine);
      tk.pos = pos;
      if (start !== ORDINARY_LINE) {
        // A definition or decorator: its first token becomes the current one, as next() would have made it.
        tk.lineHasContent = true;
        tk.emit(c === CH_AT ? TokenKind.Op : TokenKind.Name, pos, pos + start);
        stop = SkimStop.Definition;
        break;
      }
      lastTokenLine = tk.line;
      if (this.plainLine()) continue;
      stop = this.skipLine();
      if (this.lastTokenLine > lastTokenLine) lastTokenLine = this.lastTokenLine;
      if (stop !== SkimStop.LineStart) break;
    }
    this.lastTokenLine = lastTokenLine;
    return stop;
  }
}
