/**
 * The badge against interrogate 1.7.0's own badge tests (tests/unit/test_badge_gen.py), case by case, with its
 * fixtures: colours, result text, measurements, every style's drawing, output paths and the keep-or-rewrite rule.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { BADGE_STYLES, BadgeStyle } from '../../server/src/config/options';
import { badgeColor, badgeMeasurements, badgeOutputPath, badgeResult, badgeSvg, shouldWriteBadge } from '../../server/src/coverage/badge';
import { INTERROGATE_TESTS } from '../oracles/interrogate';

const FIXTURES = path.join(INTERROGATE_TESTS, 'unit', 'fixtures');
const fixture = (style: string, name: string): Buffer => fs.readFileSync(path.join(FIXTURES, style, name));
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

/** The SVG without its logo groups (ours is our own drawing), tags found by counting `<g` and `</g>`. */
function withoutLogo(svg: string): string {
  let out = svg;
  for (;;) {
    const start = out.search(/<g id="logo-(pink|shadow)"/);
    if (start < 0) return out;
    let depth = 0;
    const tags = /<g\b[^>]*?(\/?)>|<\/g>/g;
    tags.lastIndex = start;
    for (let m = tags.exec(out); m; m = tags.exec(out)) {
      if (m[0] === '</g>') depth--;
      else if (!m[1]) depth++;
      if (depth === 0) {
        out = out.slice(0, start) + out.slice(tags.lastIndex);
        break;
      }
    }
    assert.strictEqual(depth, 0, 'unbalanced logo group');
  }
}

/** What interrogate's test compares: the file without line breaks (and one space between attributes). */
const flat = (svg: string): string => withoutLogo(svg).replace(/\r?\n/g, '').replace(/" {2,}(?=[\w-])/g, '" ');

/**
 * Our social badge in interrogate's words: its template always says "Interrogate: 100%" in the title and
 * aria-label and misses the `#` of one stroke colour; ours says the real result and has the `#`.
 */
function asInterrogateWrites(svg: string, style: BadgeStyle | undefined): string {
  if (style !== 'social') return svg;
  return svg.replace(/Interrogate: [-\d.]+%(?=["<])/g, 'Interrogate: 100%').replace('l3 3" stroke="#d5d5d5"', 'l3 3" stroke="d5d5d5"');
}

describe('badge (interrogate\'s test_badge_gen.py)', () => {
  it('test_get_color: the colour ranges, light grey below 0', () => {
    const cases: [number, string][] = [[0, '#e05d44'], [45, '#fe7d37'], [60, '#dfb317'], [89, '#a4a61d'], [90.0, '#97CA00'], [99.9, '#4c1'], [-1, '#9f9f9f']];
    for (const [percent, color] of cases) assert.strictEqual(badgeColor(percent), color, String(percent));
    // Each range's edges.
    const edges: [number, string][] = [[95, '#4c1'], [94.99, '#97CA00'], [89.99, '#a4a61d'], [75, '#a4a61d'], [74.9, '#dfb317'], [59.9, '#fe7d37'], [40, '#fe7d37'], [39.9, '#e05d44']];
    for (const [percent, color] of edges) assert.strictEqual(badgeColor(percent), color, String(percent));
  });

  it('_format_result: "100" for exactly 100, else one decimal rounded as Python rounds', () => {
    assert.strictEqual(badgeResult(100), '100');
    assert.strictEqual(badgeResult(99.9), '99.9');
    assert.strictEqual(badgeResult(99.96), '100.0');
    assert.strictEqual(badgeResult(0), '0.0');
    assert.strictEqual(badgeResult(97.125), '97.1');
    assert.strictEqual(badgeResult(0.25), '0.2'); // ties to even on the exact double
    assert.strictEqual(badgeResult(-1), '-1.0');
    assert.ok(badgeSvg(100).includes('data-interrogate="result">100%</text>'));
  });

  it('_get_badge_measurements: the row by the raw percentage', () => {
    assert.deepStrictEqual(badgeMeasurements(100, 'flat-square'), { svgWidth: 135, rectWidth: 42, textX: 1140, textLength: 330 });
    assert.deepStrictEqual(badgeMeasurements(10, 'flat-square'), { svgWidth: 140, rectWidth: 47, textX: 1160, textLength: 370 });
    assert.deepStrictEqual(badgeMeasurements(99.96, 'social'), { svgWidth: 137, rectWidth: 41, textX: 1175, textLength: 330 });
    assert.deepStrictEqual(badgeMeasurements(9.96, 'flat-square-modified'), { svgWidth: 114, rectWidth: 43, textX: 915, textLength: 300 });
    assert.deepStrictEqual(badgeMeasurements(-1, 'for-the-badge'), { svgWidth: 0, rectWidth: 0, textX: 1680.75, textLength: 350 });
  });

  it('test_get_badge: 99.9 in the default style is the fixture default-style/99.svg (logo aside)', () => {
    assert.strictEqual(flat(badgeSvg(99.9)), flat(fixture('default-style', '99.svg').toString()));
    assert.strictEqual(badgeSvg(99.9), badgeSvg(99.9, 'flat-square-modified'));
  });

  it('test_create: every style and result is its fixture (logo aside; social with interrogate\'s fixed title)', () => {
    const results: [number, string][] = [[100, '100.svg'], [99.9, '99.svg'], [90.0, '90.svg'], [89.9, '89.svg'], [60.0, '60.svg'], [45.0, '45.svg'], [0.0, '0.svg'], [-1, 'default.svg']];
    let compared = 0;
    for (const style of [...BADGE_STYLES, undefined]) {
      for (const [percent, name] of results) {
        const expected = flat(fixture(style ?? 'default-style', name).toString());
        assert.strictEqual(flat(asInterrogateWrites(badgeSvg(percent, style), style)), expected, `${style ?? 'default'} ${percent}`);
        compared++;
      }
    }
    assert.strictEqual(compared, 56);
  });

  it('draws a logo-pink group in every style and a logo shadow where interrogate does', () => {
    const shadowed = new Set<BadgeStyle>(['flat', 'flat-square-modified', 'plastic']);
    for (const style of BADGE_STYLES) {
      const svg = badgeSvg(51.4, style);
      assert.strictEqual(svg.match(/<g id="logo-pink"/g)?.length, 1, style);
      assert.strictEqual(/<g id="logo-shadow"/.test(svg), shadowed.has(style), style);
    }
  });

  it('test_save_badge (and _windows): a file target is written where given, a folder gets interrogate_badge.svg', () => {
    assert.strictEqual(badgeOutputPath('fixtures/my_badge.svg', false), 'fixtures/my_badge.svg');
    assert.strictEqual(badgeOutputPath('C:\\foo\\bar\\my_badge.svg', false), 'C:\\foo\\bar\\my_badge.svg');
    assert.strictEqual(badgeOutputPath('fixtures/my_badge', false), 'fixtures/my_badge'); // no suffix added
    assert.strictEqual(badgeOutputPath('/tmp/output', true), '/tmp/output/interrogate_badge.svg');
    assert.strictEqual(badgeOutputPath('/tmp/output/', true), '/tmp/output/interrogate_badge.svg');
  });

  describe('test_should_generate', () => {
    const badge99 = fixture('default-style', '99.svg');
    const output = path.join(FIXTURES, 'default-style', '99.svg');

    it('99.svg, #4c1, 99.9: kept', () => {
      assert.strictEqual(shouldWriteBadge(output, badge99, 99.9), false);
    });

    it('99.svg, #97CA00, 99.9: rewritten (the colour differs, the text does not)', () => {
      const green = bytes(badge99.toString().replace('style="fill:#4c1"', 'style="fill:#97CA00"'));
      assert.strictEqual(shouldWriteBadge(output, green, 99.9), true);
      assert.strictEqual(shouldWriteBadge(output, green, 92.5), true, 'same colour, other text');
    });

    it('99.svg, #4c1, 80.0: rewritten (the result differs)', () => {
      assert.strictEqual(shouldWriteBadge(output, badge99, 80.0), true);
      assert.strictEqual(shouldWriteBadge(output, badge99, 95.0), true, 'same colour, other text');
      assert.strictEqual(shouldWriteBadge(output, badge99, 99.94), false, 'reads 99.9% too');
    });

    it('does_not_exist.svg: written', () => {
      assert.strictEqual(shouldWriteBadge(path.join(FIXTURES, 'default-style', 'does_not_exist.svg'), undefined, 80.0), true);
    });

    it('no_logo.svg: rewritten although colour and result match', () => {
      const noLogo = fixture('default-style', 'no_logo.svg');
      assert.ok(noLogo.toString().includes('>99.9%</text>') && noLogo.toString().includes('fill:#4c1'));
      assert.strictEqual(shouldWriteBadge(path.join(FIXTURES, 'default-style', 'no_logo.svg'), noLogo, 99.9), true);
    });

    it('99.png: rewritten (not .svg; and its bytes do not parse when named .svg)', () => {
      const png = fixture('default-style', '99.png');
      assert.strictEqual(shouldWriteBadge(path.join(FIXTURES, 'default-style', '99.png'), png, 99.9), true);
      assert.strictEqual(shouldWriteBadge(output, png, 99.9), true);
    });

    it('test_should_generate_xml_error: whatever does not parse is rewritten', () => {
      const text = badge99.toString();
      assert.strictEqual(shouldWriteBadge(output, bytes(text), 99.9), false, 'the intact file, as the control');
      const broken = [
        text.slice(0, text.length - 10), // truncated
        '', // empty
        `${text}<svg/>`, // two roots
        `junk${text}`, // text before the root
        text.replace('<title>', '<title x=1>'), // unquoted attribute
        text.replace('<title>', '<title a="1" a="2">'), // repeated attribute
        text.replace('</title>', '</titel>'), // misnested
        text.replace('interrogate: 99.9%', 'interrogate & co'), // bare &
        text.replace('interrogate: 99.9%', '&nbsp;'), // entity XML does not define
        text.replace('serif:id="logo pink"', 'other:id="logo pink"'), // unbound prefix
      ];
      for (const svg of broken) assert.strictEqual(shouldWriteBadge(output, bytes(svg), 99.9), true, svg.slice(0, 80));
      assert.strictEqual(shouldWriteBadge(output, Buffer.concat([badge99.subarray(0, 200), Buffer.from([0xff]), badge99.subarray(200)]), 99.9), true, 'not UTF-8');
    });

    it('reads what minidom reads: entities decoded, a BOM, a comment and a doctype allowed', () => {
      const text = badge99.toString();
      const variants = [
        `\uFEFF${text}`,
        `<?xml version="1.0"?>\n<!DOCTYPE svg>\n<!-- made by hand -->\n${text}`,
        text.replace(/>99\.9%<\/text>/g, '>99&#46;9&#x25;</text>'),
        text.replace('style="fill:#4c1"', "style='fill&#58;#4c1'"),
      ];
      for (const svg of variants) assert.strictEqual(shouldWriteBadge(output, bytes(svg), 99.9), false, svg.slice(0, 80));
      // minidom's childNodes[0]: a comment first in the result text is what it compares.
      assert.strictEqual(shouldWriteBadge(output, bytes(text.replace(/(data-interrogate="result">)/g, '$1<!--x-->')), 99.9), true);
    });
  });

  it('keeps only what interrogate keeps: a default-style badge; never 100% (it looks for "100.0%")', () => {
    for (const percent of [0, 9.9, 51.4, 99.9]) {
      assert.strictEqual(shouldWriteBadge('b.svg', bytes(badgeSvg(percent)), percent), false, String(percent));
      assert.strictEqual(shouldWriteBadge('b.svg', bytes(badgeSvg(percent)), percent + 0.1), true, String(percent));
    }
    assert.strictEqual(shouldWriteBadge('b.svg', bytes(badgeSvg(100)), 100), true);
    assert.strictEqual(shouldWriteBadge('b.svg', bytes(badgeSvg(95.0)), 94.96), true, '"95.0%" both, but the colour differs');
    assert.strictEqual(shouldWriteBadge('b.SVG', bytes(badgeSvg(51.4)), 51.4), true, 'the suffix is case-sensitive');
    assert.strictEqual(shouldWriteBadge('badge', bytes(badgeSvg(51.4)), 51.4), true);
    for (const style of BADGE_STYLES) {
      // Only the default style marks its colour as interrogate reads it; the others are redrawn every run.
      assert.strictEqual(shouldWriteBadge('b.svg', bytes(badgeSvg(51.4, style)), 51.4, style), style !== 'flat-square-modified', style);
    }
    // Ours: asking for another style redraws a default-style badge (interrogate would keep it).
    assert.strictEqual(shouldWriteBadge('b.svg', bytes(badgeSvg(51.4)), 51.4, 'plastic'), true);
  });

  it('answers for a badge nested 50,000 levels deep without overflowing the stack', () => {
    const depth = 50_000;
    const deep = `<svg><g id="logo-pink"/>${'<g>'.repeat(depth)}<rect data-interrogate="c" style="fill:#fe7d37"/>` +
      `<text data-interrogate="r">51.4%</text>${'</g>'.repeat(depth)}</svg>`;
    assert.ok(deep.length < 1024 * 1024);
    assert.strictEqual(shouldWriteBadge('b.svg', bytes(deep), 51.4), false);
    assert.strictEqual(shouldWriteBadge('b.svg', bytes(deep), 51.5), true);
  });

  it('parses as Python\'s minidom parses it, reading what should_generate_badge reads', function () {
    const script = [
      'import json, sys',
      'from xml.dom import minidom',
      'out = []',
      'for svg in json.load(sys.stdin):',
      '    d = minidom.parseString(svg)',
      '    gids = [g.getAttribute("id") for g in d.getElementsByTagName("g")]',
      '    rects = [r.getAttribute("style") for r in d.getElementsByTagName("rect") if r.hasAttribute("data-interrogate")]',
      '    texts = [t.childNodes[0].data for t in d.getElementsByTagName("text") if t.hasAttribute("data-interrogate")]',
      '    out.append(["logo-pink" in gids, rects, texts])',
      'print(json.dumps(out))',
    ].join('\n');
    const svgs = BADGE_STYLES.map((style) => badgeSvg(72.5, style));
    const parsed = JSON.parse(execFileSync('python3', ['-c', script], { input: JSON.stringify(svgs) }).toString()) as [boolean, string[], string[]][];
    const marks: Record<BadgeStyle, [string[], string[]]> = {
      'flat-square-modified': [['fill:#dfb317'], ['72.5%', '72.5%']],
      flat: [[], ['72.5%']],
      'flat-square': [[], ['72.5%']],
      plastic: [[], []],
      'for-the-badge': [[], ['72.5%']],
      social: [[], []],
    };
    BADGE_STYLES.forEach((style, i) => assert.deepStrictEqual(parsed[i], [true, ...marks[style]], style));
  });
});
