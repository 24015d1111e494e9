/** The TextMate injection grammar that highlights skip markers (syntaxes/). */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const REPO = path.join(__dirname, '..', '..', '..');

describe('skip-marker grammar', () => {
  const grammar = JSON.parse(fs.readFileSync(path.join(REPO, 'syntaxes', 'docbits-markers.injection.tmLanguage.json'), 'utf8'));
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
  /** The grammar's regexes use Oniguruma's leading `(?i)`; JS spells it as a flag. */
  const compile = (source: string): RegExp => new RegExp(source.replace(/^\(\?i\)/, ''), source.startsWith('(?i)') ? 'i' : '');
  const rules = Object.entries(grammar.repository as Record<string, { match: string }>).map(([name, r]) => ({ name, re: compile(r.match) }));
  const markersIn = (comment: string): string[] => rules.flatMap(({ name, re }) => {
    const m = re.exec(comment);
    return m ? [`${name}:${m[0].trim()}`] : [];
  });

  it('is injected into Python comments by package.json', () => {
    assert.strictEqual(grammar.injectionSelector, 'L:comment.line.number-sign.python');
    assert.ok(pkg.contributes.grammars.some((g: { scopeName: string; injectTo: string[]; path: string }) =>
      g.scopeName === grammar.scopeName && g.injectTo.includes('source.python') && fs.existsSync(path.join(REPO, g.path))));
  });

  it('highlights every marker form and nothing else', () => {
    assert.deepStrictEqual(markersIn('# nodocqa'), ['nodocqa:nodocqa']);
    assert.deepStrictEqual(markersIn('#NoDocQA'), ['nodocqa:NoDocQA']);
    assert.deepStrictEqual(markersIn('# nodocqa: file'), ['nodocqa:nodocqa: file']);
    assert.deepStrictEqual(markersIn('# type: ignore  # nodocqa'), ['nodocqa:nodocqa']);
    assert.deepStrictEqual(markersIn('# noqa'), ['noqa:noqa']);
    assert.deepStrictEqual(markersIn('# noqa: D103, E501'), ['noqa:noqa: D103, E501']);
    assert.deepStrictEqual(markersIn('# pylint: disable=missing-function-docstring'), ['pylint:pylint: disable=missing-function-docstring']);
    assert.deepStrictEqual(markersIn('# pylint: disable=C0116,too-many-locals'), ['pylint:pylint: disable=C0116,too-many-locals']);
    assert.deepStrictEqual(markersIn('# docstr-coverage:excused `legacy`'), ['docstr-coverage:docstr-coverage:excused']);
    assert.deepStrictEqual(markersIn('# docstr-coverage: inherited'), ['docstr-coverage:docstr-coverage: inherited']);
    assert.deepStrictEqual(markersIn('# nodocqa-ish is not a marker'), []);
    assert.deepStrictEqual(markersIn('# pylint: disable=too-many-locals'), []);
    assert.deepStrictEqual(markersIn('# an ordinary comment about noqa'), []);
  });
});
