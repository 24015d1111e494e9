/**
 * The token cursor: Python's tokens, one at a time, over decoded text.
 *
 * The cursor (`next()`) fills fields instead of allocating a token object per token, because the workspace
 * scan tokenizes tens of megabytes and allocation would dominate. `tokenize()` gives plain objects for
 * callers that want them.
 *
 * Output follows Python 3.11's `tokenize` module (token kinds, boundaries, INDENT/DEDENT placement), with
 * f-strings scanned as in 3.12 (PEP 701: nested quotes of the same kind) and returned as one STRING token.
 * Positions are 0-based lines and UTF-16 columns. Lone `\r` and `\r\n` end lines, as in CPython's parser.
 * Broken code is recovered from as recovery.ts says. Nothing here recurses per nesting level except
 * f-strings inside f-strings (capped, strings.ts).
 *
 * The rules live beside it: characters, keywords, prefixes and operators in chars.ts, numbers in
 * numbers.ts, strings in strings.ts, indentation in indentation.ts. The structural parser's fast path,
 * which moves this cursor without producing tokens, is skim.ts.
 */
import { SyntaxProblem, Token, TokenKind } from '../tokens';
import {
  CH_BACKSLASH, CH_CR, CH_DOT, CH_DQUOTE, CH_FF, CH_HASH, CH_LBRACE, CH_LBRACKET, CH_LF, CH_LPAREN, CH_RBRACE,
  CH_RBRACKET, CH_RPAREN, CH_SPACE, CH_SQUOTE, CH_TAB, CH_VT, IDENT_PART, codeAt, hasFPrefix, isDigit,
  isIdentifierPart, isIdentifierStart, isStringPrefix, operatorLength,
} from './chars';
import { Indentation } from './indentation';
import { scanNumber } from './numbers';
import { closesBrackets, stringCut } from './recovery';
import { ForwardSearch } from './search';
import { scanStringBody } from './strings';

export interface TokenizerOptions {
  /**
   * Cut any triple-quoted string before a line that starts a definition at the string's indentation or
   * less. Only for files known to hold an unmatched triple quote: valid strings may contain such lines.
   */
  recoverStrings?: boolean;
  /**
   * IPython's escape commands (notebook cells): a logical line whose first character is one of `% ! ? / , ;`
   * is a magic, shell command or help request up to the end of its line (backslash-newline continues it, as
   * IPython and ruff read it). It becomes one ERRORTOKEN, recorded in `escapeCommands`. Python code never
   * starts a logical line with these characters, so valid Python tokenizes the same with or without it.
   */
  escapeCommands?: boolean;
}

export class Tokenizer {
  /** The current token: kind, UTF-16 offsets and 0-based positions. */
  kind: TokenKind = TokenKind.EndMarker;
  start = 0;
  end = 0;
  startLine = 0;
  startCol = 0;
  endLine = 0;
  endCol = 0;
  /** Problems found so far (unclosed brackets and strings, bad dedents, stray characters). */
  readonly problems: SyntaxProblem[] = [];
  /** With the `escapeCommands` option: the offsets [start, end) of each escape command, in order. */
  readonly escapeCommands: Array<{ start: number; end: number }> = [];

  // The cursor's state. Not private: the skim (skim.ts) moves the cursor as next() would, and reads and
  // writes these as next() does. Nothing else may.
  pos = 0;
  line = 0;
  lineStart = 0;
  atLineStart = true;
  continued = false;
  parenDepth = 0;
  readonly indentation = new Indentation();
  pendingDedents = 0;
  currentLineIndent = 0;
  /** Whether the current physical line has produced a token other than INDENT/DEDENT. */
  lineHasContent = false;
  finished = false;
  /** The text's backslashes, for the string scanner. */
  readonly backslashes: ForwardSearch;

  /** Indent column of the line where the outermost open bracket was opened (for recovery). */
  private bracketLineIndent = 0;
  private bracketLine = 0;
  private bracketColumn = 0;
  private reachedEnd = false;
  /** Triple-quote delimiters known to have no closing occurrence at or after the given offset. */
  private readonly unterminatedFrom = new Map<string, number>();
  private unterminatedTripleQuote = false;
  private readonly hasCarriageReturn: boolean;
  private readonly lineFeeds: ForwardSearch;

  constructor(readonly text: string, readonly options: TokenizerOptions = {}) {
    this.hasCarriageReturn = text.indexOf('\r') >= 0;
    this.lineFeeds = new ForwardSearch(text, '\n');
    this.backslashes = new ForwardSearch(text, '\\');
    // A BOM left in the text is not part of the first line's indentation.
    if (codeAt(text, 0) === 0xfeff) this.pos = this.lineStart = 1;
    // These change only at the end of the input. V8 takes a field not written since construction for a
    // constant and builds it into the optimised code that reads it (the skim's loops); the first write, at the
    // end of a process's first file, then throws that code away. Written here, they are plain fields at once.
    this.pendingDedents = 1;
    this.pendingDedents = 0;
    this.finished = true;
    this.finished = false;
    this.reachedEnd = true;
    this.reachedEnd = false;
  }

  /** The current token's text. */
  get value(): string {
    return this.text.slice(this.start, this.end);
  }

  /** Bracket depth after the current token. */
  get depth(): number {
    return this.parenDepth;
  }

  /** Whether a triple-quoted string was still open at the end of the input (so far). */
  get sawUnterminatedString(): boolean {
    return this.unterminatedTripleQuote;
  }

  /** A snapshot of the current token. */
  token(): Token {
    return {
      kind: this.kind, start: this.start, end: this.end,
      startLine: this.startLine, startCol: this.startCol, endLine: this.endLine, endCol: this.endCol,
    };
  }

  /** Advances to the next token and returns its kind; ENDMARKER repeats at the end. */
  next(): TokenKind {
    if (this.pendingDedents > 0) {
      this.pendingDedents--;
      return this.emitHere(TokenKind.Dedent);
    }
    if (this.finished) return this.kind;
    const text = this.text;
    for (;;) {
      if (this.atLineStart) {
        const kind = this.startLine_();
        if (kind !== undefined) return kind;
      }
      let pos = this.pos;
      // Skip blanks between tokens.
      let c = codeAt(text, pos);
      while (c === CH_SPACE || c === CH_TAB || c === CH_FF || c === CH_VT) c = codeAt(text, ++pos);
      this.pos = pos;
      if (pos >= text.length) return this.endOfInput();
      if (c === CH_LF || c === CH_CR) return this.newlineToken();
      if (c === CH_HASH) return this.emit(TokenKind.Comment, pos, this.lineEndFrom(pos));
      if (c === CH_BACKSLASH) {
        const d = text.charCodeAt(pos + 1);
        if (d === CH_LF || d === CH_CR) {
          // Explicit line joining: no token; the next line continues this logical line.
          this.pos = pos + (d === CH_CR && text.charCodeAt(pos + 2) === CH_LF ? 3 : 2);
          this.newLine(this.pos);
          this.continued = true;
          this.atLineStart = true;
          continue;
        }
        if (pos + 1 >= text.length) {
          // A backslash at the very end of the file: CPython says "unexpected EOF"; drop it.
          this.pos = pos + 1;
          continue;
        }
        this.problem(pos, 'unexpected character after line continuation character');
        return this.emit(TokenKind.ErrorToken, pos, pos + 1);
      }
      const firstOfLogicalLine = !this.lineHasContent;
      this.lineHasContent = true;
      if (isDigit(c) || (c === CH_DOT && isDigit(text.charCodeAt(pos + 1)))) {
        return this.emit(TokenKind.Number, pos, scanNumber(text, pos));
      }
      if (c === CH_DQUOTE || c === CH_SQUOTE) return this.stringToken(pos, pos);
      if (isIdentifierStart(c, text, pos)) {
        // ASCII fast path first; the slow path handles non-ASCII identifier characters.
        let end = pos + (c >= 0xd800 && c <= 0xdbff ? 2 : 1);
        let d = text.charCodeAt(end);
        for (;;) {
          while (d < 128 && IDENT_PART[d] === 1) d = text.charCodeAt(++end);
          if (!(d >= 128) || !isIdentifierPart(d, text, end)) break;
          end += d >= 0xd800 && d <= 0xdbff ? 2 : 1;
          d = text.charCodeAt(end);
        }
        if ((d === CH_DQUOTE || d === CH_SQUOTE) && end - pos <= 2 && isStringPrefix(text, pos, end)) {
          return this.stringToken(pos, end);
        }
        return this.emit(TokenKind.Name, pos, end);
      }
      if (firstOfLogicalLine && this.options.escapeCommands && isEscapeCommandStart(c)) return this.escapeCommand(pos);
      return this.operatorToken(pos, c);
    }
  }

  /**
   * Starts a fresh tokenizer at `pos` on 0-based line `line`, where an earlier reading of the same text was
   * just after a NEWLINE (a logical line begins: no open bracket, no backslash continuation). Indentation is
   * measured afresh, so INDENT and DEDENT tokens may differ from that reading; every other token is the same.
   * It lets a caller re-read one logical line found earlier without reading the text from its start again.
   */
  resumeAt(pos: number, line: number): void {
    this.pos = this.lineStart = pos;
    this.line = line;
  }

  /** Whether the line starting at `lineBegin`, inside brackets, is where next() recovers from them. */
  recoversAt(lineBegin: number): boolean {
    const indentation = this.indentation;
    const column = indentation.measure(this.text, lineBegin);
    const first = indentation.stop;
    const d = this.text.charCodeAt(first);
    return d !== CH_HASH && d !== CH_LF && d !== CH_CR && first < this.text.length &&
      closesBrackets(this.text, lineBegin, first, column, this.bracketLineIndent);
  }

  /** Handles the start of a physical line: indentation, blank and comment-only lines, recovery. */
  private startLine_(): TokenKind | undefined {
    const text = this.text;
    this.atLineStart = false;
    const continuation = this.continued || this.parenDepth > 0;
    // A line joined by a backslash continues its logical line: a line break right after it ends that line
    // with a NEWLINE (as in CPython), not an NL.
    if (!continuation) this.lineHasContent = false;
    this.continued = false;
    const indentation = this.indentation;
    const column = indentation.measure(text, this.pos);
    let pos = indentation.stop;
    const c = codeAt(text, pos);
    const blank = pos >= text.length || c === CH_HASH || c === CH_LF || c === CH_CR;
    if (continuation) {
      if (this.parenDepth > 0 && !blank && closesBrackets(text, this.pos, pos, column, this.bracketLineIndent)) {
        this.problem(this.bracketLine, 'unclosed bracket', this.bracketColumn);
        this.parenDepth = 0;
        this.atLineStart = true;
        return this.emit(TokenKind.Newline, this.pos, this.pos);
      }
      return undefined;
    }
    if (blank) return undefined; // tokens of the line (COMMENT, NL) come from the main loop
    this.currentLineIndent = column;
    const levels = indentation.levels;
    if (column > levels[levels.length - 1]) {
      levels.push(column);
      this.pos = pos;
      return this.emit(TokenKind.Indent, this.lineStart, pos);
    }
    if (column < levels[levels.length - 1]) {
      const count = this.dedentTo(column, pos);
      this.pos = pos;
      if (count > 0) {
        this.pendingDedents = count - 1;
        return this.emit(TokenKind.Dedent, pos, pos);
      }
    }
    this.pos = pos;
    return undefined;
  }

  /** Pops the indentation levels deeper than `column`; returns how many DEDENTs that makes. */
  dedentTo(column: number, pos: number): number {
    const count = this.indentation.dedentTo(column);
    if (!this.indentation.matched) this.problem(pos, 'unindent does not match any outer indentation level');
    return count;
  }

  private newlineToken(): TokenKind {
    const text = this.text;
    const pos = this.pos;
    const end = text.charCodeAt(pos) === CH_CR && text.charCodeAt(pos + 1) === CH_LF ? pos + 2 : pos + 1;
    const kind = this.parenDepth > 0 || !this.lineHasContent ? TokenKind.NL : TokenKind.Newline;
    this.emit(kind, pos, end);
    this.newLine(end);
    this.atLineStart = true;
    return kind;
  }

  private endOfInput(): TokenKind {
    const end = this.text.length;
    if (this.parenDepth > 0) {
      this.problem(this.bracketLine, 'unclosed bracket', this.bracketColumn);
      this.parenDepth = 0;
    }
    if (this.lineHasContent) {
      // The last line has no line break: like tokenize, end the logical line anyway (zero-width here).
      this.lineHasContent = false;
      return this.emit(TokenKind.Newline, end, end);
    }
    if (this.kind === TokenKind.Comment && this.end === end) return this.emit(TokenKind.NL, end, end);
    if (!this.reachedEnd) {
      // DEDENTs and ENDMARKER sit at the start of the line after the last one.
      this.reachedEnd = true;
      if (end > this.lineStart) this.newLine(end);
    }
    const levels = this.indentation.levels;
    if (levels.length > 1) {
      this.pendingDedents = levels.length - 2;
      levels.length = 1;
      return this.emit(TokenKind.Dedent, end, end);
    }
    this.finished = true;
    return this.emit(TokenKind.EndMarker, end, end);
  }

  /** Another DEDENT at the position of the previous one. */
  private emitHere(kind: TokenKind): TokenKind {
    this.kind = kind;
    return kind;
  }

  /** Scans a string literal whose prefix starts at `start` and whose quote is at `quotePos`. */
  private stringToken(start: number, quotePos: number): TokenKind {
    this.lineHasContent = true;
    const text = this.text;
    const isF = hasFPrefix(text, start, quotePos);
    const quote = text.charCodeAt(quotePos);
    const triple = text.charCodeAt(quotePos + 1) === quote && text.charCodeAt(quotePos + 2) === quote;
    const bodyStart = quotePos + (triple ? 3 : 1);
    const startLine = this.line, startCol = start - this.lineStart;
    let end: number;
    if (triple) {
      const delimiter = quote === CH_DQUOTE ? '"""' : "'''";
      const known = this.unterminatedFrom.get(delimiter);
      end = known !== undefined && bodyStart >= known ? -1
        : scanStringBody(text, bodyStart, quote, true, isF, 0, this.backslashes);
      if (end < 0) {
        if (known === undefined || bodyStart < known) this.unterminatedFrom.set(delimiter, bodyStart);
        return this.unterminatedTripleQuoted(start, startLine, startCol);
      }
      if (this.options.recoverStrings) {
        // The file has an unmatched triple quote somewhere: a string that runs over a definition line is
        // more likely the unclosed one (e.g. a docstring being typed) than a string holding code.
        const cut = stringCut(text, start, end, this.currentLineIndent, this.indentation);
        if (cut >= 0) {
          this.problem(start, 'unterminated triple-quoted string literal');
          return this.spanToken(TokenKind.ErrorToken, start, cut, startLine, startCol);
        }
      }
    } else {
      end = scanStringBody(text, bodyStart, quote, false, isF, 0, this.backslashes);
      if (end < 0) {
        // Unterminated single-quoted string: it ends with its line.
        const stop = this.lineEndFrom(start);
        this.problem(start, 'unterminated string literal');
        return this.spanToken(TokenKind.ErrorToken, start, stop, startLine, startCol);
      }
    }
    // The string may span lines (triple quotes or backslash-newline).
    return this.spanToken(TokenKind.String, start, end, startLine, startCol);
  }

  /**
   * A triple-quoted string open at the end of input. Rather than swallow the rest of the file, end it
   * before the first later line that starts a definition at an indentation no deeper than the string's line.
   */
  private unterminatedTripleQuoted(start: number, startLine: number, startCol: number): TokenKind {
    this.problem(start, 'unterminated triple-quoted string literal');
    this.unterminatedTripleQuote = true;
    const cut = stringCut(this.text, start, this.text.length, this.currentLineIndent, this.indentation);
    return this.spanToken(TokenKind.ErrorToken, start, cut < 0 ? this.text.length : cut, startLine, startCol);
  }

  /** Offset of the first line break at or after `pos`, or the text's length. */
  lineEndFrom(pos: number): number {
    if (!this.hasCarriageReturn) return this.lineFeeds.at(pos);
    const text = this.text;
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === CH_LF || c === CH_CR) break;
      pos++;
    }
    return pos;
  }

  /** Counts line breaks in text[from, to) into the line bookkeeping. */
  advanceLinesTo(from: number, to: number): void {
    const text = this.text;
    if (!this.hasCarriageReturn) {
      // Most tokens are on one line: a native search for the next \n usually settles it.
      for (let lf = this.lineFeeds.at(from); lf < to; lf = this.lineFeeds.at(lf + 1)) this.newLine(lf + 1);
      return;
    }
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c === CH_LF) this.newLine(i + 1);
      else if (c === CH_CR) {
        if (text.charCodeAt(i + 1) === CH_LF) i++;
        this.newLine(i + 1);
      }
    }
  }

  /** Emits a token that may span lines (strings, error tokens), moving the line bookkeeping over it. */
  private spanToken(kind: TokenKind, start: number, end: number, startLine: number, startCol: number): TokenKind {
    this.kind = kind;
    this.start = start;
    this.end = end;
    this.startLine = startLine;
    this.startCol = startCol;
    this.advanceLinesTo(start, end);
    this.endLine = this.line;
    this.endCol = end - this.lineStart;
    this.pos = end;
    return kind;
  }

  /** An IPython escape command from `start` to the end of its line and of the lines its backslashes join. */
  private escapeCommand(start: number): TokenKind {
    const text = this.text;
    const startLine = this.line, startCol = start - this.lineStart;
    let end = this.lineEndFrom(start);
    while (end < text.length && end > start && text.charCodeAt(end - 1) === CH_BACKSLASH) {
      const next = end + (text.charCodeAt(end) === CH_CR && text.charCodeAt(end + 1) === CH_LF ? 2 : 1);
      if (next >= text.length) break;
      end = this.lineEndFrom(next);
    }
    this.escapeCommands.push({ start, end });
    return this.spanToken(TokenKind.ErrorToken, start, end, startLine, startCol);
  }

  private operatorToken(pos: number, c: number): TokenKind {
    const text = this.text;
    const len = operatorLength(text, pos, c);
    if (len === 0) {
      // Not part of Python's syntax (`$`, `?`, a stray `!`, a non-identifier character...).
      const next = text.charCodeAt(pos + 1);
      const width = c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1; // a pair, or a lone half
      this.problem(pos, `invalid character '${text.slice(pos, pos + width)}'`);
      return this.emit(TokenKind.ErrorToken, pos, pos + width);
    }
    if (len === 1) this.trackBracket(c, pos);
    return this.emit(TokenKind.Op, pos, pos + len);
  }

  /** Bracket depth, and where the outermost open bracket was opened (for recovery and its message). */
  trackBracket(c: number, pos: number): void {
    if (c === CH_LPAREN || c === CH_LBRACKET || c === CH_LBRACE) {
      if (this.parenDepth === 0) {
        this.bracketLineIndent = this.currentLineIndent;
        this.bracketLine = this.line;
        this.bracketColumn = pos - this.lineStart;
      }
      this.parenDepth++;
    } else if ((c === CH_RPAREN || c === CH_RBRACKET || c === CH_RBRACE) && this.parenDepth > 0) {
      this.parenDepth--;
    }
  }

  /** Makes text[start, end) on the current line the current token. */
  emit(kind: TokenKind, start: number, end: number): TokenKind {
    this.kind = kind;
    this.start = start;
    this.end = end;
    this.startLine = this.endLine = this.line;
    this.startCol = start - this.lineStart;
    this.endCol = end - this.lineStart;
    if (end > this.pos) this.pos = end;
    return kind;
  }

  /** Moves the line bookkeeping to a line starting at `lineStart`. */
  newLine(lineStart: number): void {
    this.line++;
    this.lineStart = lineStart;
  }

  private problem(posOrLine: number, message: string, column?: number): void {
    if (this.problems.length >= 100) return;
    if (column !== undefined) this.problems.push({ line: posOrLine, column, message });
    else this.problems.push({ line: this.line, column: Math.max(0, posOrLine - this.lineStart), message });
  }
}

/** `% ! ? / , ;`: the characters that open an IPython escape command at the start of a logical line. */
function isEscapeCommandStart(c: number): boolean {
  return c === 0x25 || c === 0x21 || c === 0x3f || c === 0x2f || c === 0x2c || c === 0x3b;
}

/** All tokens of a text, ENDMARKER included, as plain objects. */
export function tokenize(text: string): Token[] {
  return tokenizeThrough(text, Infinity)!;
}

/**
 * The tokens from the start of the text through the end of the logical line that holds `line` (its NEWLINE
 * token), or through ENDMARKER: what a feature about one line needs, without tokenizing a huge file's rest.
 * null when that would mean a token starting past `maxOffset` (a logical line of megabytes: give up).
 */
export function tokenizeThrough(text: string, line: number, maxOffset = Infinity): Token[] | null {
  const tokenizer = new Tokenizer(text);
  const tokens: Token[] = [];
  for (;;) {
    const kind = tokenizer.next();
    if (tokenizer.start > maxOffset) return null;
    tokens.push(tokenizer.token());
    if (kind === TokenKind.EndMarker || (kind === TokenKind.Newline && tokenizer.endLine >= line)) return tokens;
  }
}
