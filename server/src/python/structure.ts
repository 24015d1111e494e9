/**
 * A fault-tolerant structural parser: every class / def / async def with its decorators, header span,
 * nesting and docstring, plus the module docstring and all comments. It reads the tokenizer's stream once,
 * keeps an explicit stack of open bodies (no recursion per nesting level), and never throws.
 *
 * What counts as a docstring is exactly `ast.get_docstring`'s rule: the first statement of the body is an
 * expression statement made only of str literals (implicit concatenation, parentheses; not bytes, not
 * f-strings). Whether it is blank is decided later from its decoded value (see strings.ts).
 */
import { objectArray } from './objectArray';
import { strLiteralIsBlank } from './strings';
import { Tokenizer } from './lexer/cursor';
import { Skim, SkimSink, SkimStop } from './lexer/skim';
import { SyntaxProblem, TokenKind } from './tokens';

/** A decorator's expression, reduced to the shape interrogate looks at. */
export interface Decorator {
  line: number;
  /** `name` for `@x`, `attribute` for `@<anything>.x`, `other` for calls and the rest. */
  shape: 'name' | 'attribute' | 'other';
  /** `x` in `@x` and `@a.b.x`. */
  name: string;
  /** For `@a.x`, `a` when it is a plain name (e.g. `typing` in `@typing.overload`). */
  base?: string;
}

export interface Docstring {
  startLine: number;
  startCol: number;
  endLine: number;
  endCol: number;
  /** Offsets of the literal's first character and just after its last (UTF-16, like the positions). */
  start: number;
  end: number;
  /** Whether the decoded value is only whitespace (then it does not document anything). */
  blank: boolean;
}

export interface Definition {
  keyword: 'def' | 'class';
  isAsync: boolean;
  name: string;
  /** Position of `def` / `class` (of `async` for async def), like ast's lineno / col_offset. 0-based. */
  line: number;
  column: number;
  nameLine: number;
  nameStart: number;
  nameEnd: number;
  /** Header: from the first decorator's line to the line of the colon that opens the body. */
  headerStartLine: number;
  headerEndLine: number;
  /**
   * Line of the line break that ends the header's logical line: headerEndLine, unless backslashes join more
   * lines to it (`def f(): \` + a blank line). A block body starts after it.
   */
  headerBreakLine: number;
  /** Offsets of the header (first decorator's `@` or the keyword) and just after its colon. */
  headerStart: number;
  headerEnd: number;
  /** Shared and empty for undecorated definitions: never modify. */
  decorators: readonly Decorator[];
  /** Index of the enclosing definition in `definitions`, or -1 at module level. */
  parent: number;
  docstring: Docstring | null;
  /** Body on the header line (`def f(): return 1`). */
  inlineBody: boolean;
  /** Indentation of the body block (empty for inline bodies and missing bodies). */
  bodyIndent: string;
  /** Position of the first token of the body (0-based), or of the header's end if it has none. */
  bodyLine: number;
  bodyColumn: number;
  /** Last line of the definition, body included (0-based). */
  endLine: number;
}

export interface Comment {
  line: number;
  column: number;
  /** The comment, `#` included. */
  text: string;
  /** Nothing but whitespace before it on its line. */
  ownLine: boolean;
}

export interface ModuleStructure {
  definitions: Definition[];
  docstring: Docstring | null;
  comments: Comment[];
  problems: SyntaxProblem[];
  /** Number of lines (a trailing line break does not start a new line). */
  lineCount: number;
}

/** The decorators of every undecorated definition: one shared array, never written to (most lines clear them). */
const NO_DECORATORS: Decorator[] = objectArray();
const NONE = -2;
const MODULE = -1;

export function parseStructure(text: string, options: { fastSkip?: boolean } = {}): ModuleStructure {
  const fastSkip = options.fastSkip ?? true;
  const tokenizer = new Tokenizer(text);
  const structure = new StructureParser(text, tokenizer, fastSkip).parse();
  if (!tokenizer.sawUnterminatedString) return structure;
  // An unmatched triple quote inverts every string after it; parse again, cutting strings at definitions.
  return new StructureParser(text, new Tokenizer(text, { recoverStrings: true }), fastSkip).parse();
}

class StructureParser implements SkimSink {
  private readonly definitions: Definition[] = objectArray();
  private readonly comments: Comment[] = objectArray();
  private moduleDocstring: Docstring | null = null;
  /** Definitions whose indented body is open, with the indent depth of that body. */
  private readonly open: Array<{ def: number; bodyDepth: number }> = objectArray();
  private indentDepth = 0;
  private lastSignificantLine = -1;
  private lastSignificantEnd = 0;
  private pendingDecorators: Decorator[] = NO_DECORATORS;
  private pendingDecoratorStart = -1;
  private pendingDecoratorLine = -1;
  /** Whose first statement comes next: a definition index, MODULE, or NONE. */
  private expectDocFor = MODULE;
  /** A definition whose header ended with a line break: its body block should follow. */
  private awaitingBlock = NONE;
  /** The current token has been looked at but not consumed. */
  private reuse = false;
  private readonly skim: Skim;

  /**
   * @param fastSkip skip the uninteresting rest of logical lines with the skim (lexer/skim.ts; the default);
   *   false reads every token, which the tests use as the reference for the fast path.
   */
  constructor(private readonly text: string, private readonly tk: Tokenizer, private readonly fastSkip = true) {
    this.skim = new Skim(tk, this);
  }

  /** The skim's sink (SkimSink): a comment it passed. */
  comment(start: number, end: number, line: number, column: number, ownLine: boolean): void {
    this.comments.push({ line, column, text: this.text.slice(start, end), ownLine });
  }

  parse(): ModuleStructure {
    const tk = this.tk;
    for (;;) {
      if (this.fastSkip && !this.reuse && this.expectDocFor === NONE && this.awaitingBlock === NONE &&
          this.pendingDecorators.length === 0) {
        this.skipOrdinaryLines();
      }
      const kind = this.advance();
      if (kind === TokenKind.EndMarker) break;
      if (kind === TokenKind.Newline) continue;
      if (kind === TokenKind.Indent) {
        this.indentDepth++;
        if (this.awaitingBlock !== NONE) {
          const def = this.definitions[this.awaitingBlock];
          def.bodyIndent = this.text.slice(tk.start, tk.end);
          this.open.push({ def: this.awaitingBlock, bodyDepth: this.indentDepth });
          this.expectDocFor = this.awaitingBlock;
          this.awaitingBlock = NONE;
        }
        continue;
      }
      if (kind === TokenKind.Dedent) {
        this.indentDepth--;
        this.closeBodies();
        continue;
      }
      // The first token of a logical line.
      if (this.awaitingBlock !== NONE) {
        // `def f():` followed by an unindented line: an empty (invalid) body.
        this.awaitingBlock = NONE;
        this.expectDocFor = NONE;
      }
      this.logicalLine();
    }
    this.indentDepth = 0;
    this.closeBodies();
    return {
      definitions: this.definitions,
      docstring: this.moduleDocstring,
      comments: this.comments,
      problems: tk.problems,
      // ENDMARKER sits at the start of the line after the last one.
      lineCount: tk.startLine,
    };
  }

  /**
   * Lines that start no definition and cannot be a docstring (none is expected): the skim moves past
   * them without tokens, telling us of indentation changes so that bodies still close where they end.
   */
  private skipOrdinaryLines(): void {
    const tk = this.tk;
    const skim = this.skim;
    const stop = skim.skipOrdinaryLines();
    if (skim.lastTokenLine > this.lastSignificantLine) this.lastSignificantLine = skim.lastTokenLine;
    if (stop === SkimStop.Definition) {
      // The first token of a definition or decorator line: the main loop takes it as if advance() had read it.
      this.lastSignificantLine = tk.endLine;
      this.lastSignificantEnd = tk.end;
      this.reuse = true;
    } else if (stop === SkimStop.InLine) this.skipToLineEnd();
  }

  /** The skim's sink (SkimSink): skipOrdinaryLines changed the indentation depth. */
  depth(depth: number, lastTokenLine: number): void {
    if (lastTokenLine > this.lastSignificantLine) this.lastSignificantLine = lastTokenLine;
    const closing = depth < this.indentDepth;
    this.indentDepth = depth;
    if (closing) this.closeBodies();
  }

  /** Next token that matters here: comments are recorded and skipped, and so are NL tokens. */
  private advance(): TokenKind {
    const tk = this.tk;
    if (this.reuse) {
      this.reuse = false;
      return tk.kind;
    }
    for (;;) {
      if (this.fastSkip) {
        if (this.skim.lineEndAfterToken(this.lastSignificantLine !== tk.line)) return TokenKind.Newline;
        this.skim.skipBlankLines();
      }
      const kind = tk.next();
      if (kind === TokenKind.Comment) {
        this.comment(tk.start, tk.end, tk.startLine, tk.startCol, this.lastSignificantLine !== tk.startLine);
        continue;
      }
      if (kind === TokenKind.NL) continue;
      if (!isLayout(kind)) {
        this.lastSignificantLine = tk.endLine;
        this.lastSignificantEnd = tk.end;
      }
      return kind;
    }
  }

  private closeBodies(): void {
    const open = this.open;
    while (open.length > 0 && open[open.length - 1].bodyDepth > this.indentDepth) {
      const entry = open.pop()!;
      this.definitions[entry.def].endLine = Math.max(this.definitions[entry.def].endLine, this.lastSignificantLine);
    }
  }

  /** Handles one logical line whose first token is current. Leaves the cursor on its NEWLINE (consumed). */
  private logicalLine(): void {
    const tk = this.tk;
    const kind = tk.kind;
    if (kind === TokenKind.Op && this.isChar(tk.start, '@') && tk.end - tk.start === 1) {
      this.decorator();
      return;
    }
    if (kind === TokenKind.Name) {
      const keyword = this.isWord('def') ? 'def' : this.isWord('class') ? 'class' : undefined;
      if (keyword) {
        this.header(keyword, false, tk.start, tk.startLine, tk.startCol);
        return;
      }
      if (this.isWord('async')) {
        const start = tk.start, line = tk.startLine, column = tk.startCol;
        const next = this.advance();
        if (next === TokenKind.Name && this.isWord('def')) {
          this.header('def', true, start, line, column);
          return;
        }
        this.reuse = true;
        this.expectDocFor = NONE;
        this.pendingDecorators = NO_DECORATORS;
        this.skipToLineEnd();
        return;
      }
    }
    const docFor = this.expectDocFor;
    this.expectDocFor = NONE;
    this.pendingDecorators = NO_DECORATORS;
    if (docFor !== NONE) {
      this.reuse = true;
      const doc = this.docstringStatement();
      if (doc) {
        if (docFor === MODULE) this.moduleDocstring = doc;
        else this.definitions[docFor].docstring = doc;
      }
    }
    this.skipToLineEnd();
  }

  /** Whether the current token is exactly `word` (without slicing it out of the text). */
  private isWord(word: string): boolean {
    const tk = this.tk;
    return tk.end - tk.start === word.length && this.text.startsWith(word, tk.start);
  }

  private isChar(offset: number, ch: string): boolean {
    return this.text.charCodeAt(offset) === ch.charCodeAt(0);
  }

  /** Consumes tokens up to and including the NEWLINE that ends the logical line. */
  private skipToLineEnd(): void {
    const tk = this.tk;
    const kind = tk.kind;
    if (!(this.reuse && isLayout(kind)) && this.fastSkip) {
      // The rest of the line holds nothing we need but comments: let the skim skip it in one go.
      this.reuse = false;
      const skim = this.skim;
      const stop = skim.skipLine();
      if (skim.lastTokenLine >= 0) this.lastSignificantLine = skim.lastTokenLine;
      if (stop === SkimStop.LineStart) return;
    }
    for (;;) {
      const kind = this.advance();
      if (kind === TokenKind.Newline || kind === TokenKind.EndMarker) {
        if (kind === TokenKind.EndMarker) this.reuse = true;
        return;
      }
      if (kind === TokenKind.Indent || kind === TokenKind.Dedent) {
        // Only after recovery from broken code; let the main loop see it.
        this.reuse = true;
        return;
      }
    }
  }

  /** `@expr NEWLINE`: remembered for the definition that follows. */
  private decorator(): void {
    const tk = this.tk;
    if (this.pendingDecorators.length === 0) {
      this.pendingDecoratorStart = tk.start;
      this.pendingDecoratorLine = tk.startLine;
    }
    const line = tk.startLine;
    // Shape of the expression at bracket depth 0: N = name, . = dot, B = a bracketed group, X = other.
    let shape = '';
    const names: string[] = [];
    let nestedFrom = -1;
    for (;;) {
      const depthBefore = tk.depth;
      const kind = this.advance();
      if (isLayout(kind)) {
        if (kind !== TokenKind.Newline) this.reuse = true;
        break;
      }
      if (depthBefore > 0 || nestedFrom >= 0) {
        if (tk.depth === 0) nestedFrom = -1;
        continue;
      }
      if (kind === TokenKind.Op && tk.depth > 0) {
        shape += 'B';
        nestedFrom = tk.start;
        // The skim passes the bracket's contents; from its closing bracket on, the shape goes on.
        if (this.fastSkip && this.skimBracket()) nestedFrom = -1;
      } else if (kind === TokenKind.Name) {
        shape += 'N';
        names.push(this.text.slice(tk.start, tk.end));
      } else if (kind === TokenKind.Op && this.isChar(tk.start, '.') && tk.end - tk.start === 1) {
        shape += '.';
      } else shape += 'X';
    }
    let decorator: Decorator;
    if (shape === 'N') decorator = { line, shape: 'name', name: names[0] };
    else if (/^[NB](?:\.N|B)*\.N$/.test(shape)) {
      decorator = { line, shape: 'attribute', name: names[names.length - 1] };
      if (shape === 'N.N') decorator.base = names[0];
    } else decorator = { line, shape: 'other', name: '' };
    if (this.pendingDecorators === NO_DECORATORS) this.pendingDecorators = objectArray();
    this.pendingDecorators.push(decorator);
    this.expectDocFor = NONE;
  }

  /** A `def` / `class` header, from its keyword (current token) to the colon, then its inline body if any. */
  private header(keyword: 'def' | 'class', isAsync: boolean, start: number, line: number, column: number): void {
    const tk = this.tk;
    const decorators = this.pendingDecorators;
    const headerStart = decorators.length > 0 ? this.pendingDecoratorStart : start;
    const headerStartLine = decorators.length > 0 ? this.pendingDecoratorLine : line;
    this.pendingDecorators = NO_DECORATORS;
    this.expectDocFor = NONE;
    const parent = this.open.length > 0 ? this.open[this.open.length - 1].def : -1;
    const def: Definition = {
      keyword, isAsync, name: '', line, column, nameLine: line, nameStart: tk.startCol, nameEnd: tk.endCol,
      headerStartLine, headerEndLine: line, headerBreakLine: line, headerStart, headerEnd: tk.end, decorators, parent,
      docstring: null, inlineBody: false, bodyIndent: '', bodyLine: line, bodyColumn: tk.endCol, endLine: line,
    };
    let kind = this.advance();
    if (kind === TokenKind.Name) {
      def.name = identifierName(this.text.slice(tk.start, tk.end));
      def.nameLine = tk.startLine;
      def.nameStart = tk.startCol;
      def.nameEnd = tk.endCol;
      // The skim goes on from the name to the colon (the parameters' bracket is one of the things it passes).
      kind = this.fastSkip ? this.skimHeader() : this.advance();
    } else if (this.fastSkip && !this.isHeaderColon(kind) && !isLayout(kind)) kind = this.skimHeader();
    const index = this.definitions.length;
    this.definitions.push(def);
    for (;;) {
      if (this.isHeaderColon(kind)) break;
      if (isLayout(kind)) {
        // No colon: broken header, ending with its last real token (a recovery NEWLINE may sit on the next
        // definition's line). Treat what follows as its body if it is indented.
        def.headerEndLine = Math.max(def.line, this.lastSignificantLine);
        def.headerEnd = Math.max(def.headerEnd, this.lastSignificantEnd);
        def.endLine = Math.max(def.endLine, def.headerEndLine);
        def.headerBreakLine = def.headerEndLine;
        if (kind !== TokenKind.Newline) this.reuse = true;
        this.awaitingBlock = index;
        return;
      }
      kind = this.advance();
    }
    def.headerEndLine = tk.startLine;
    def.headerEnd = tk.end;
    def.bodyLine = tk.endLine;
    def.bodyColumn = tk.endCol;
    def.endLine = tk.endLine;
    def.headerBreakLine = def.headerEndLine;
    kind = this.advance();
    if (kind === TokenKind.Newline || kind === TokenKind.EndMarker) {
      if (kind === TokenKind.EndMarker) this.reuse = true;
      else def.headerBreakLine = tk.startLine;
      this.awaitingBlock = index;
      return;
    }
    // Inline body: `def f(): "Doc."; return 1`.
    def.inlineBody = true;
    def.bodyLine = tk.startLine;
    def.bodyColumn = tk.startCol;
    this.reuse = true;
    def.docstring = this.docstringStatement();
    this.skipToLineEnd();
    def.endLine = Math.max(def.endLine, this.lastSignificantLine);
  }

  private isHeaderColon(kind: TokenKind): boolean {
    const tk = this.tk;
    return kind === TokenKind.Op && tk.depth === 0 && this.isChar(tk.start, ':') && tk.end - tk.start === 1;
  }

  /**
   * The fast path through a header's parameters and annotations: the skim goes to the colon. Returns the
   * token the header loop goes on with: the colon, NEWLINE when the logical line ended without one (a broken
   * header), or whatever the skim left to next().
   */
  private skimHeader(): TokenKind {
    const skim = this.skim;
    const stop = skim.skipLine(true);
    if (skim.lastTokenLine >= 0) {
      this.lastSignificantLine = skim.lastTokenLine;
      this.lastSignificantEnd = skim.lastTokenEnd;
    }
    if (stop === SkimStop.LineStart) return TokenKind.Newline;
    if (!skim.takeHeaderColon()) return this.advance();
    const tk = this.tk;
    this.lastSignificantLine = tk.endLine;
    this.lastSignificantEnd = tk.end;
    return TokenKind.Op;
  }

  /** The fast path through a decorator's bracket (just opened): whether the skim got past its closing bracket. */
  private skimBracket(): boolean {
    const skim = this.skim;
    const stop = skim.skipLine(false, true);
    if (skim.lastTokenLine >= 0) {
      this.lastSignificantLine = skim.lastTokenLine;
      this.lastSignificantEnd = skim.lastTokenEnd;
    }
    return stop === SkimStop.BracketClosed;
  }

  /**
   * Whether the statement starting at the current token is a docstring: `(`* STRING+ `)`* then the end of
   * the statement. Consumes what it looks at; the caller skips to the line end. Returns the docstring span.
   */
  private docstringStatement(): Docstring | null {
    const tk = this.tk;
    let kind = this.advance();
    let opens = 0;
    while (kind === TokenKind.Op && this.isChar(tk.start, '(')) {
      opens++;
      kind = this.advance();
    }
    if (kind !== TokenKind.String) {
      this.reuse = true;
      return null;
    }
    const startLine = tk.startLine, startCol = tk.startCol, start = tk.start;
    let endLine = tk.endLine, endCol = tk.endCol, end = tk.end;
    let allStr = true;
    let blank = true;
    while (kind === TokenKind.String) {
      const isBlank = strLiteralIsBlank(this.text, tk.start, tk.end);
      if (isBlank === null) allStr = false;
      else if (!isBlank) blank = false;
      endLine = tk.endLine;
      endCol = tk.endCol;
      end = tk.end;
      kind = this.advance();
    }
    let closes = 0;
    while (closes < opens && kind === TokenKind.Op && this.isChar(tk.start, ')')) {
      closes++;
      kind = this.advance();
    }
    this.reuse = true;
    const ends = kind === TokenKind.Newline || kind === TokenKind.EndMarker ||
      (kind === TokenKind.Op && this.isChar(tk.start, ';') && tk.end - tk.start === 1);
    if (!allStr || closes !== opens || !ends) return null;
    return { startLine, startCol, endLine, endCol, start, end, blank };
  }
}

/** NEWLINE, ENDMARKER, INDENT, DEDENT: tokens that end or frame a logical line rather than belong to it. */
function isLayout(kind: TokenKind): boolean {
  return kind === TokenKind.Newline || kind === TokenKind.EndMarker || kind === TokenKind.Indent || kind === TokenKind.Dedent;
}

/** An identifier as CPython stores it: NFKC-normalised (PEP 3131), so `µ` (micro sign) names the same as `μ`. */
function identifierName(source: string): string {
  for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) >= 128) return source.normalize('NFKC');
  return source;
}
