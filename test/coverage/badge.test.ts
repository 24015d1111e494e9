import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { badgeColor, badgeOutputPath, badgeResult, badgeSvg, shouldWriteBadge } from '../../server/src/coverage/badge';
import { BADGE_STYLES } from '../../server/src/config/options';


/** Tags balance and attributes are quoted: a small well-formedness check that needs no XML library. */
function assertBalanced(svg: string): void {
  const stack: string[] = [];
  for (const m of svg.matchAll(/<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g)) {
    const [, closing, name, , selfClosing] = m;
    if (selfClosing) continue;
    if (closing) assert.strictEqual(stack.pop(), name, `unbalanced </${name}>`);
    else stack.push(name);
  }
  assert.deepStrictEqual(stack, []);
  // Every "<" starts a tag the regex understood.
  assert.strictEqual(svg.split('<').length - 1, [...svg.matchAll(/<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g)].length);
}

describe('badge', () => {
  it('colours by interrogate\'s ranges', () => {
    const cases: [number, string][] = [
      [100, '#4c1'], [95, '#4c1'], [94.99, '#97CA00'], [90, '#97CA00'], [89.9, '#a4a61d'], [75, '#a4a61d'],
      [74.9, '#dfb317'], [60, '#dfb317'], [59.9, '#fe7d37'], [40, '#fe7d37'], [39.9, '#e05d44'], [0, '#e05d44'],
    ];
    for (const [percent, color] of cases) assert.strictEqual(badgeColor(percent), color, String(percent));
  });

  it('shows the result with one decimal, rounded as Python does', () => {
    assert.strictEqual(badgeResult(97.125), '97.1'.concat('%'));
    assert.strictEqual(badgeResult(0.25), '0.2%');
    assert.strictEqual(badgeResult(100), '100.0%');
  });

  it('reads "interrogate | 97.1%" and carries the data-interrogate attributes', () => {
    const svg = badgeSvg(97.1);
    assert.ok(svg.includes('>interrogate</text>'));
    assert.ok(/<rect [^>]*style="fill:#4c1" data-interrogate="color"\/>/.test(svg));
    assert.ok(/<text [^>]*data-interrogate="result">97\.1%<\/text>/.test(svg));
    assert.ok(svg.includes('data-style="flat-square-modified"'));
  });

  it('is well-formed in every style and widens with the text', () => {
    for (const style of BADGE_STYLES) {
      for (const percent of [0, 9.9, 55.55, 100]) {
        const svg = badgeSvg(percent, style);
        assertBalanced(svg);
        assert.ok(svg.includes(`data-style="${style}"`));
      }
    }
    const width = (svg: string): number => Number(/<svg [^>]*width="([\d.]+)"/.exec(svg)![1]);
    assert.ok(width(badgeSvg(100)) > width(badgeSvg(9.9)));
  });

  it('parses as XML (python3 xml.dom.minidom)', function () {
    const script = [
      'import json, sys',
      'from xml.dom import minidom',
      'out = []',
      'for svg in json.load(sys.stdin):',
      '    d = minidom.parseString(svg)',
      '    rects = [r.getAttribute("style") for r in d.getElementsByTagName("rect") if r.hasAttribute("data-interrogate")]',
      '    texts = [t.childNodes[0].data for t in d.getElementsByTagName("text") if t.hasAttribute("data-interrogate")]',
      '    out.append([rects, texts])',
      'print(json.dumps(out))',
    ].join('\n');
    const svgs = BADGE_STYLES.map((style) => badgeSvg(72.5, style));
    const parsed = JSON.parse(execFileSync('python3', ['-c', script], { input: JSON.stringify(svgs) }).toString()) as [string[], string[]][];
    for (const [rects, texts] of parsed) {
      // What interrogate's should_generate_badge reads.
      assert.deepStrictEqual(rects, ['fill:#dfb317']);
      assert.ok(texts.length >= 1 && texts.every((t) => t === '72.5%'));
    }
  });

  it('puts the badge in a folder as interrogate_badge.<format>', () => {
    assert.strictEqual(badgeOutputPath('docs', true), 'docs/interrogate_badge.svg');
    assert.strictEqual(badgeOutputPath('docs/', true, 'png'), 'docs/interrogate_badge.png');
    assert.strictEqual(badgeOutputPath('docs/badge.svg', false), 'docs/badge.svg');
  });

  it('does not rewrite a badge showing the same colour and result', () => {
    const existing = badgeSvg(97.14);
    assert.strictEqual(shouldWriteBadge(existing, 97.1), false); // same "97.1%" and colour
    assert.strictEqual(shouldWriteBadge(existing, 97.2), true);
    assert.strictEqual(shouldWriteBadge(badgeSvg(95.0), 94.96), true); // "95.0%" both, but colour differs
    assert.strictEqual(shouldWriteBadge(undefined, 50), true);
    assert.strictEqual(shouldWriteBadge('not an svg', 50), true);
    assert.strictEqual(shouldWriteBadge(existing, 97.1, 'flat-square-modified'), false);
    assert.strictEqual(shouldWriteBadge(existing, 97.1, 'plastic'), true);
  });

  it('recognises an interrogate-made badge as unchanged', () => {
    // The parts of interrogate's own template that its rule reads (attribute order as there).
    const theirs =
      '<svg width="140" height="20" xmlns="http://www.w3.org/2000/svg"><g id="logo-pink"/>' +
      '<rect x="71" y="0" width="47" height="20" data-interrogate="color" style="fill:#a4a61d"/>' +
      '<text x="1160" y="140" transform="scale(.1)" textLength="370" data-interrogate="result">80.0%</text></svg>';
    assert.strictEqual(shouldWriteBadge(theirs, 80), false);
    assert.strictEqual(shouldWriteBadge(theirs, 80.06), true);
  });
});
