/**
 * The skim: where each call stops, and that next() then reads on exactly as if it had read the skimmed text
 * itself (the tokens left equal tokenize()'s from that point). The parser-level contract, the fast path equal
 * to the reference path, is in test/python/structure.test.ts and the fuzzer.
 */
import * as assert from 'assert';
import { Tokenizer, tokenize } from '../../../server/src/python/lexer/cursor';
import { Skim, SkimSink, SkimStop } from '../../../server/src/python/lexer/skim';
import { Token, TokenKind } from '../../../server/src/python/tokens';

type Comment = [line: number, column: number, ownLine: boolean];

/** A sink that records the comments (line, column, ownLine) and the depths the skim reports. */
function recorder(comments: Comment[] = [], depths: number[] = []): SkimSink {
  return {
    comment: (_start, _end, line, column, ownLine) => { comments.push([line, column, ownLine]); },
    depth: (depth) => { depths.push(depth); },
  };
}

/** The tokens next() gives from here on, the current one first when `withCurrent`. */
function rest(tk: Tokenizer, withCurrent: boolean): Token[] {
  const tokens = withCurrent ? [tk.token()] : [];
  while (tokens.length === 0 || tokens[tokens.length - 1].kind !== TokenKind.EndMarker) {
    tk.next();
    tokens.push(tk.token());
  }
  return tokens;
}

/** tokenize()'s tokens from the first that starts at or after `offset`, comments and NLs of skimmed lines left out. */
function referenceFrom(text: string, offset: number): Token[] {
  return tokenize(text).filter((t, i, all) => t.start >= offset && (i === 0 || all[i - 1].start >= offset ||
    t.kind !== TokenKind.NL));
}

interface Case {
  text: string; stop: SkimStop; lastTokenLine: number; comments?: Comment[]; colon?: boolean; tokensBefore?: number;
  /** The text from where next() reads on after the skim (its first token, and what follows). */
  then: string;
}

describe('lexer/skim', function () {
  const lineCases: Case[] = [
    { text: 'x = (1,\n 2)  # c\ny\n', stop: SkimStop.LineStart, lastTokenLine: 1, comments: [[1, 5, false]], then: 'y' },
    { text: 'x = (1,\n # own\n 2)\ny\n', stop: SkimStop.LineStart, lastTokenLine: 2, comments: [[1, 1, true]], then: 'y' },
    { text: 'x = "a" \\\n + rb"\\"" f"{y!r:>{w}}"\nz\n', stop: SkimStop.LineStart, lastTokenLine: 1, then: 'z' },
    { text: 'x = """a\nb""" + 1\nz\n', stop: SkimStop.LineStart, lastTokenLine: 1, then: 'z' },
    { text: 'x = 1 if a != b else é\n', stop: SkimStop.InLine, lastTokenLine: 0, then: 'é' },
    { text: 'x = ab_é\n', stop: SkimStop.InLine, lastTokenLine: 0, then: 'ab_é' },
    { text: 'x = (\ndef f(): pass\n', stop: SkimStop.InLine, lastTokenLine: 0, then: 'def f(' },
    { text: 'x = """open\ndef f(): pass\n', stop: SkimStop.InLine, lastTokenLine: 0, then: '"""open' },
    { text: 'x = 1 $ 2\n', stop: SkimStop.InLine, lastTokenLine: 0, then: '$' },
    { text: 'x = 1', stop: SkimStop.InLine, lastTokenLine: 0, then: '' },
    { text: 'def f(a, b={1: 2}) -> int: pass\n', stop: SkimStop.InLine, lastTokenLine: 0, colon: true, tokensBefore: 2, then: ': pass' },
    { text: 'def f(a := 1,\n b): pass\n', stop: SkimStop.InLine, lastTokenLine: 1, colon: true, tokensBefore: 2, then: ': pass' },
    { text: 'def f x := 1: pass\n', stop: SkimStop.InLine, lastTokenLine: 0, colon: true, tokensBefore: 2, then: ': pass' },
    { text: 'def f(a)\nx = 1\n', stop: SkimStop.LineStart, lastTokenLine: 0, colon: true, tokensBefore: 2, then: 'x' },
  ];
  for (const c of lineCases) {
    it(`skipLine${c.colon ? ' to the colon' : ''}: ${JSON.stringify(c.text)}`, function () {
      const tk = new Tokenizer(c.text);
      for (let i = 0; i < (c.tokensBefore ?? 1); i++) tk.next();
      const comments: Comment[] = [];
      const skim = new Skim(tk, recorder(comments));
      const stop = skim.skipLine(c.colon);
      assert.strictEqual(stop, c.stop, 'stop');
      assert.strictEqual(skim.lastTokenLine, c.lastTokenLine, 'lastTokenLine');
      assert.deepStrictEqual(comments, c.comments ?? []);
      const offset = tk.pos;
      const tokens = rest(tk, false);
      const from = c.text.slice(tokens[0].start);
      assert.ok(from.startsWith(c.then), `next() reads on from ${JSON.stringify(from)}`);
      assert.deepStrictEqual(tokens, referenceFrom(c.text, offset));
    });
  }

  it('skipLine with stopAtClose: just after the bracket that closes the outermost one', function () {
    const text = '@d(a, (b),  # c\n  c).x\ndef f(): pass\n';
    const tk = new Tokenizer(text);
    for (let i = 0; i < 3; i++) tk.next(); // @ d (
    const comments: Comment[] = [];
    const skim = new Skim(tk, recorder(comments));
    const stop = skim.skipLine(false, true);
    assert.strictEqual(stop, SkimStop.BracketClosed);
    assert.strictEqual(skim.lastTokenLine, 1);
    assert.deepStrictEqual(comments, [[0, 12, false]]);
    assert.strictEqual(tk.depth, 0);
    const offset = tk.pos;
    assert.deepStrictEqual(rest(tk, false), referenceFrom(text, offset));
  });

  const lineEndCases: Array<{ text: string; tokensBefore: number; ends: boolean; comments: Comment[] }> = [
    { text: 'def f():  # c\n    pass\n', tokensBefore: 5, ends: true, comments: [[0, 10, false]] },
    { text: '"""Doc."""\nx = 1\n', tokensBefore: 1, ends: true, comments: [] },
    { text: 'x = 1 + 2\n', tokensBefore: 1, ends: false, comments: [] },
    { text: 'x = (1  # c\n)\n', tokensBefore: 4, ends: false, comments: [] },
    { text: 'x = 1 \\\n + 2\n', tokensBefore: 3, ends: false, comments: [] },
    { text: 'x = 1  # c', tokensBefore: 3, ends: false, comments: [] },
    { text: 'x = 1\r\ny\n', tokensBefore: 3, ends: true, comments: [] },
  ];
  for (const c of lineEndCases) {
    it(`lineEndAfterToken: ${JSON.stringify(c.text)}`, function () {
      const tk = new Tokenizer(c.text);
      for (let i = 0; i < c.tokensBefore; i++) tk.next();
      const before = tk.token();
      const pos = tk.pos;
      const comments: Comment[] = [];
      const ends = new Skim(tk, recorder(comments)).lineEndAfterToken(false);
      assert.strictEqual(ends, c.ends);
      assert.deepStrictEqual(comments, c.comments);
      if (!ends) {
        assert.strictEqual(tk.pos, pos, 'nothing moved');
        assert.deepStrictEqual(tk.token(), before);
        return;
      }
      // The NEWLINE is current, as next() makes it; the tokens from it on are tokenize()'s.
      const reference = tokenize(c.text).filter((t) => t.kind !== TokenKind.Comment);
      const newline = reference.findIndex((t) => t.start >= pos && t.kind === TokenKind.Newline);
      assert.deepStrictEqual(rest(tk, true), reference.slice(newline));
    });
  }

  it('takeHeaderColon: the colon where skipLine stopped, as next() makes it; nothing elsewhere', function () {
    const text = 'def f(a: int = {1: 2}) -> "x": pass\n';
    const tk = new Tokenizer(text);
    tk.next();
    tk.next(); // def f
    const skim = new Skim(tk, recorder());
    assert.strictEqual(skim.skipLine(true), SkimStop.InLine);
    assert.ok(skim.takeHeaderColon());
    const reference = tokenize(text);
    const colon = reference.findIndex((t) => t.start === text.lastIndexOf(':'));
    assert.deepStrictEqual(rest(tk, true), reference.slice(colon));
    const other = new Tokenizer('def f x := 1: pass\n');
    other.next();
    other.next();
    assert.ok(!new Skim(other, recorder()).takeHeaderColon(), 'after the name, no colon');
  });

  const ordinaryCases: Array<{ text: string; stop: SkimStop; depths: number[]; value?: string }> = [
    { text: 'a = 1\nif a:\n    b = 2\n@d\ndef f(): pass\n', stop: SkimStop.Definition, depths: [1, 0], value: '@' },
    { text: 'a = 1\n\n# c\nclass C: pass\n', stop: SkimStop.Definition, depths: [], value: 'class' },
    { text: 'a = 1\n  async def f(): pass\n', stop: SkimStop.Definition, depths: [1], value: 'async' },
    { text: 'a = 1\ndefine = 2\né = 3\n', stop: SkimStop.LineStart, depths: [] },
    { text: 'a = 1\nb = (\n', stop: SkimStop.InLine, depths: [] },
    { text: 'a = 1\n', stop: SkimStop.LineStart, depths: [] },
    // Plain lines (one native match each): brackets closed on the line, nested up to three deep, then a comment.
    { text: 'a = (1 + [2, {3: x != y}])  # c\nif a:\n    b = c[d]\n@d\ndef f(): pass\n', stop: SkimStop.Definition, depths: [1, 0], value: '@' },
    // Deeper, a bracket left open, a lone `!`: the character loop takes the line.
    { text: 'a = ((((1))))\nb = (1,\n 2)\nc = !d\n', stop: SkimStop.InLine, depths: [] },
  ];
  for (const c of ordinaryCases) {
    it(`skipOrdinaryLines: ${JSON.stringify(c.text)}`, function () {
      const tk = new Tokenizer(c.text);
      const depths: number[] = [];
      const skim = new Skim(tk, recorder([], depths));
      const stop = skim.skipOrdinaryLines();
      assert.strictEqual(stop, c.stop, 'stop');
      assert.deepStrictEqual(depths, c.depths);
      if (stop === SkimStop.Definition) {
        assert.strictEqual(tk.value, c.value);
        const reference = tokenize(c.text).filter((t) => t.start >= tk.start && t.kind !== TokenKind.Indent &&
          t.kind !== TokenKind.Dedent);
        // INDENT / DEDENT before the definition went to onDepth; the rest is next()'s.
        assert.deepStrictEqual(rest(tk, true).filter((t) => t.kind !== TokenKind.Indent && t.kind !== TokenKind.Dedent),
          reference);
      } else {
        const offset = tk.pos;
        const tokens = rest(tk, false);
        assert.deepStrictEqual(tokens.filter((t) => t.kind !== TokenKind.Dedent),
          referenceFrom(c.text, offset).filter((t) => t.kind !== TokenKind.Dedent && t.kind !== TokenKind.Indent));
      }
    });
  }
});
