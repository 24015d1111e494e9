/**
 * `-g/--generate-badge` run by interrogate 1.7.0 and by docbits' CLI side by side: the file written, the
 * "Generated badge to" line, the exit code, the badge's content (every element and attribute but the logo's
 * drawing), and whether an existing badge is kept or rewritten. Also interrogate's own should_generate_badge,
 * called from Python on the same bytes as our shouldWriteBadge.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BADGE_STYLES, BadgeStyle } from '../../server/src/config/options';
import { badgeColor, badgeSvg, shouldWriteBadge } from '../../server/src/coverage/badge';
import { INTERROGATE_TESTS, interrogateMissing, Run, runDocbits, runInterrogate } from '../oracles/interrogate';

const SAMPLE = path.join(INTERROGATE_TESTS, 'functional', 'sample');
const UNIT_FIXTURES = path.join(INTERROGATE_TESTS, 'unit', 'fixtures');
const INTERROGATE_SRC = path.join(INTERROGATE_TESTS, '..', 'src');

interface SvgElement {
  tag: string;
  attrs: Record<string, string>;
  text: string;
}

/**
 * The elements in document order with their attributes and text, the logo groups' insides left out (our logo is
 * our own drawing; the groups themselves, with their ids and placement, are compared). Enough for these SVGs.
 */
function svgElements(svg: string): SvgElement[] {
  const out: SvgElement[] = [];
  let skipDepth = 0;
  for (const m of svg.matchAll(/<(\/?)([\w:-]+)((?:\s+[\w:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>([^<]*)/g)) {
    const [, closing, tag, attrText, selfClosing, text] = m;
    if (closing) {
      if (skipDepth > 0) skipDepth--;
      continue;
    }
    if (skipDepth > 0) {
      if (!selfClosing) skipDepth++;
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of attrText.matchAll(/([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs[a[1]] = a[2] ?? a[3];
    out.push({ tag, attrs, text: text.trim() });
    if (tag === 'g' && /^logo-(pink|shadow)$/.test(attrs.id ?? '') && !selfClosing) skipDepth = 1;
  }
  return out;
}

/** The one place our badge says something else than interrogate's: its social title always reads 100%. */
function asInterrogateWrites(elements: SvgElement[], style: BadgeStyle): SvgElement[] {
  if (style !== 'social') return elements;
  return elements.map((e) => {
    if (e.tag === 'svg') return { ...e, attrs: { ...e.attrs, 'aria-label': 'Interrogate: 100%' } };
    if (e.tag === 'title') return { ...e, text: 'Interrogate: 100%' };
    if (e.tag === 'path' && e.attrs.stroke === '#d5d5d5') return { ...e, attrs: { ...e.attrs, stroke: 'd5d5d5' } };
    return e;
  });
}

/** A project whose coverage is covered/total: a module docstring, documented and undocumented functions. */
function project(root: string, covered: number, total: number): string {
  const dir = path.join(root, `p${covered}-${total}`);
  fs.mkdirSync(dir, { recursive: true });
  const lines: string[] = covered > 0 ? ['"""Module."""'] : [];
  for (let i = 1; i < total; i++) lines.push(i < covered ? `def f${i}():\n    """Doc."""\n` : `def f${i}():\n    pass\n`);
  fs.writeFileSync(path.join(dir, 'm.py'), `${lines.join('\n')}\n`);
  return dir;
}

interface Side {
  run: Run;
  files: string[];
}

/** Each tool in its own fresh folder, `-g` pointing at it (or at `target` inside it), with the same arguments. */
function runBoth(tmp: string, name: string, args: string[], target = ''): { theirs: Side; ours: Side; dirs: [string, string] } {
  const sides = (['i', 'd'] as const).map((who) => {
    const dir = path.join(tmp, `${name}-${who}`);
    fs.mkdirSync(dir, { recursive: true });
    const full = ['--fail-under', '0', '-g', path.join(dir, target), ...args];
    const run = who === 'i' ? runInterrogate(full, { cwd: dir }) : runDocbits(full, { cwd: dir });
    return { run, files: fs.readdirSync(dir).sort(), dir };
  });
  return { theirs: sides[0], ours: sides[1], dirs: [sides[0].dir, sides[1].dir] };
}

const lastLine = (s: string): string => s.trimEnd().split('\n').pop() ?? '';

function assertSameBadge(tmp: string, name: string, paths: string[], style: BadgeStyle | undefined): void {
  const { theirs, ours, dirs } = runBoth(tmp, name, [...(style ? ['--badge-style', style] : []), ...paths]);
  const where = `${name} ${style ?? 'default'}`;
  assert.strictEqual(theirs.run.code, 0, `${where}: ${theirs.run.stderr}`);
  assert.strictEqual(ours.run.code, theirs.run.code, `${where}: ${ours.run.stderr}`);
  assert.deepStrictEqual(ours.files, ['interrogate_badge.svg'], where);
  assert.deepStrictEqual(ours.files, theirs.files, where);
  // Each names its own folder; the rest of the line is the same.
  assert.strictEqual(lastLine(theirs.run.stdout), `Generated badge to ${path.join(dirs[0], 'interrogate_badge.svg')}`, where);
  assert.strictEqual(lastLine(ours.run.stdout), `Generated badge to ${path.join(dirs[1], 'interrogate_badge.svg')}`, where);
  const read = (dir: string): SvgElement[] => svgElements(fs.readFileSync(path.join(dir, 'interrogate_badge.svg'), 'utf8'));
  const expected = read(dirs[0]);
  assert.ok(expected.length >= 9, `${where}: parsed too little of interrogate's badge`);
  assert.deepStrictEqual(asInterrogateWrites(read(dirs[1]), style ?? 'flat-square-modified'), expected, where);
}

/** A badge file's state, to tell whether a run wrote it: content and a modification time set in the past. */
function plant(file: string, content: string | Uint8Array): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  const past = new Date('2020-01-01T00:00:00Z');
  fs.utimesSync(file, past, past);
}
const untouched = (file: string): boolean => fs.statSync(file).mtimeMs === new Date('2020-01-01T00:00:00Z').getTime();

describe('badge vs interrogate 1.7.0 (CLI, differential)', function () {
  let tmp: string;
  const projects: Record<string, string> = {};

  before(function () {
    const missing = interrogateMissing();
    if (missing) throw new Error(missing); // fail, not skip: these tests are the badge's parity check
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'docbits-badge-diff-'));
    // [covered, total]: 0, 9.9, 10.0 shown for 9.96 (the 9.9 row), 10, colour edges, 51.4, 99.9, 100.0 shown for 99.96, 100.
    const cases: [string, number, number][] = [
      ['0', 0, 3], ['9.9', 10, 101], ['9.96', 249, 2500], ['10', 1, 10], ['39.9', 399, 1000], ['40', 2, 5], ['51.4', 18, 35],
      ['60', 3, 5], ['75', 3, 4], ['90', 9, 10], ['94.9', 949, 1000], ['95', 19, 20], ['99.9', 999, 1000], ['99.96', 2499, 2500], ['100', 4, 4],
    ];
    for (const [label, covered, total] of cases) projects[label] = project(tmp, covered, total);
  });

  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  for (const style of [undefined, ...BADGE_STYLES]) {
    it(`draws the same badge as interrogate (${style ?? 'no --badge-style'}): sample and 0 ... 100%`, () => {
      assertSameBadge(tmp, `sample-${style}`, [SAMPLE], style);
      const labels = style === undefined ? Object.keys(projects) : ['0', '9.9', '9.96', '10', '51.4', '99.9', '99.96', '100'];
      for (const label of labels) assertSameBadge(tmp, `${label}-${style}`, [projects[label]], style);
    });
  }

  it('test_cli.py::test_generate_badge: the sample\'s badge is fixtures/expected_badge.svg (logo aside), -q or not', () => {
    const expected = svgElements(fs.readFileSync(path.join(INTERROGATE_TESTS, 'functional', 'fixtures', 'expected_badge.svg'), 'utf8'));
    for (const quiet of [false, true]) {
      const dir = path.join(tmp, `functional-${quiet}`, 'testing');
      fs.mkdirSync(dir, { recursive: true });
      const r = runDocbits(['--fail-under', '0', '--generate-badge', dir, SAMPLE, ...(quiet ? ['--quiet'] : [])], { cwd: tmp });
      assert.strictEqual(r.code, 0);
      if (quiet) assert.strictEqual(r.stdout, '');
      else assert.ok(r.stdout.includes(path.join(dir, 'interrogate_badge.svg')));
      assert.deepStrictEqual(svgElements(fs.readFileSync(path.join(dir, 'interrogate_badge.svg'), 'utf8')), expected);
    }
  });

  it('checks the percentages it means to: colour and text per generated project', () => {
    // The projects really are at these percentages (as both tools count them): a guard for the cases above.
    const expected: Record<string, [string, string]> = {
      '0': ['0.0%', '#e05d44'], '9.96': ['10.0%', '#e05d44'], '39.9': ['39.9%', '#e05d44'], '40': ['40.0%', '#fe7d37'],
      '94.9': ['94.9%', '#97CA00'], '95': ['95.0%', '#4c1'], '99.96': ['100.0%', '#4c1'], '100': ['100%', '#4c1'],
    };
    for (const [label, [text, color]] of Object.entries(expected)) {
      const dir = path.join(tmp, `check-${label}`);
      fs.mkdirSync(dir);
      assert.strictEqual(runDocbits(['-f', '0', '-g', dir, projects[label]], { cwd: dir }).code, 0);
      const svg = fs.readFileSync(path.join(dir, 'interrogate_badge.svg'), 'utf8');
      assert.ok(svg.includes(`data-interrogate="result">${text}</text>`), `${label}: ${text}`);
      assert.ok(svg.includes(`style="fill:${color}"`), `${label}: ${color}`);
    }
  });

  it('writes to the same path for a file, a folder with a slash, a new name without .svg and a symlinked folder', () => {
    const targets: [string, string, (dir: string) => void][] = [
      ['file', 'badge.svg', () => undefined],
      ['slash', 'out/', (dir) => fs.mkdirSync(path.join(dir, 'out'))],
      ['nosuffix', 'coverage-badge', () => undefined],
      ['newdir', 'missing/', () => undefined], // not a folder: written as a file named "missing"
      ['link', 'link/', (dir) => { fs.mkdirSync(path.join(dir, 'real')); fs.symlinkSync('real', path.join(dir, 'link')); }],
    ];
    for (const [name, target, prepare] of targets) {
      for (const who of ['i', 'd']) {
        const dir = path.join(tmp, `${name}-${who}`);
        fs.mkdirSync(dir);
        prepare(dir);
      }
      const { theirs, ours, dirs } = runBoth(tmp, name, [SAMPLE], target);
      assert.strictEqual(ours.run.code, theirs.run.code, name);
      assert.strictEqual(lastLine(ours.run.stdout).replace(dirs[1], '<dir>'), lastLine(theirs.run.stdout).replace(dirs[0], '<dir>'), name);
      assert.deepStrictEqual(ours.files, theirs.files, name);
    }
  });

  it('a badge that cannot be written: one line and exit 2 (interrogate: a traceback, exit 1), no "Generated badge" line', () => {
    const { theirs, ours } = runBoth(tmp, 'unwritable', [SAMPLE], path.join('no', 'such', 'b.svg'));
    assert.strictEqual(theirs.run.code, 1);
    assert.match(theirs.run.stderr, /FileNotFoundError/);
    assert.strictEqual(ours.run.code, 2);
    assert.match(ours.run.stderr, /^docbits: cannot write .*b\.svg: its folder does not exist\.\n$/);
    assert.ok(!ours.run.stdout.includes('Generated badge') && !theirs.run.stdout.includes('Generated badge'));
  });

  it('-q prints nothing and still writes the badge', () => {
    const { theirs, ours } = runBoth(tmp, 'quiet', ['-q', SAMPLE]);
    assert.strictEqual(theirs.run.stdout, '');
    assert.strictEqual(ours.run.stdout, '');
    assert.deepStrictEqual(ours.files, theirs.files);
    assert.deepStrictEqual(ours.files, ['interrogate_badge.svg']);
  });

  it('a relative generate-badge in a config file is printed absolute, as click resolves it', () => {
    const sides = (['i', 'd'] as const).map((who) => {
      const dir = path.join(tmp, `config-${who}`);
      fs.mkdirSync(path.join(dir, 'docs'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'cfg.toml'), '[tool.interrogate]\nfail-under = 0\ngenerate-badge = "docs"\n');
      const args = ['-c', 'cfg.toml', SAMPLE];
      const run = who === 'i' ? runInterrogate(args, { cwd: dir }) : runDocbits(args, { cwd: dir });
      return { run, dir };
    });
    for (const { run, dir } of sides) assert.strictEqual(lastLine(run.stdout), `Generated badge to ${path.join(dir, 'docs', 'interrogate_badge.svg')}`, run.stderr);
  });

  describe('keeps or rewrites an existing badge as interrogate does', () => {
    /** Plants `content` at the badge path in two folders, runs each tool, and says whether each rewrote it. */
    function decide(name: string, content: string | Uint8Array, args: string[], target = 'interrogate_badge.svg'): { theirs: boolean; ours: boolean; files: [string, string] } {
      const files = (['i', 'd'] as const).map((who) => path.join(tmp, `${name}-${who}`, target)) as [string, string];
      for (const file of files) plant(file, content);
      const { theirs, ours } = runBoth(tmp, name, args, target === 'interrogate_badge.svg' ? '' : target);
      assert.strictEqual(theirs.run.code, 0, theirs.run.stderr);
      assert.strictEqual(ours.run.code, 0, ours.run.stderr);
      return { theirs: !untouched(files[0]), ours: !untouched(files[1]), files };
    }

    const sampleBadge = (): string => badgeSvg(18 / 35 * 100); // what the sample's badge reads: 51.4%

    it('an unchanged default badge is kept (mtime and bytes), by both tools, whichever drew it', () => {
      const ours = decide('keep-ours', sampleBadge(), [SAMPLE]);
      assert.deepStrictEqual([ours.theirs, ours.ours], [false, false]);
      assert.strictEqual(fs.readFileSync(ours.files[1], 'utf8'), sampleBadge());
      // interrogate's own badge for the sample, kept by docbits.
      const drawn = runBoth(tmp, 'keep-theirs-draw', [SAMPLE]).dirs[0];
      const theirsBadge = fs.readFileSync(path.join(drawn, 'interrogate_badge.svg'));
      const theirs = decide('keep-theirs', theirsBadge, [SAMPLE]);
      assert.deepStrictEqual([theirs.theirs, theirs.ours], [false, false]);
      assert.ok(fs.readFileSync(theirs.files[1]).equals(theirsBadge));
    });

    it('a changed result, a 100% badge, another style\'s badge, foreign files: rewritten by both', () => {
      const png = fs.readFileSync(path.join(UNIT_FIXTURES, 'default-style', '99.png'));
      const noLogo = fs.readFileSync(path.join(UNIT_FIXTURES, 'default-style', 'no_logo.svg'), 'utf8').replace('99.9%', '51.4%').replace('fill:#4c1', 'fill:#fe7d37');
      const cases: [string, string | Uint8Array, string[]][] = [
        ['changed', badgeSvg(60), [SAMPLE]],
        ['colour', sampleBadge().replace(/fill:#[0-9a-fA-F]+/, 'fill:#4c1'), [SAMPLE]],
        ['hundred', badgeSvg(100), [projects['100']]],
        ['flat', badgeSvg(18 / 35 * 100, 'flat'), ['--badge-style', 'flat', SAMPLE]],
        ['plastic', badgeSvg(18 / 35 * 100, 'plastic'), ['--badge-style', 'plastic', SAMPLE]],
        ['nologo', noLogo, [SAMPLE]],
        ['png', png, [SAMPLE]],
        ['truncated', sampleBadge().slice(0, 400), [SAMPLE]],
        ['empty', '', [SAMPLE]],
      ];
      for (const [name, content, args] of cases) {
        const d = decide(name, content, args);
        assert.deepStrictEqual([d.theirs, d.ours], [true, true], name);
      }
      assert.ok(fs.readFileSync(path.join(tmp, 'changed-d', 'interrogate_badge.svg'), 'utf8').includes('>51.4%</text>'));
      // A file target not ending in .svg is always rewritten, even with the same badge in it.
      const noSuffix = decide('nosuffix-keep', sampleBadge(), [SAMPLE], 'badge.txt');
      assert.deepStrictEqual([noSuffix.theirs, noSuffix.ours], [true, true]);
    });

    it('differs where the README says: another --badge-style redraws; a badge over 1 MB is rewritten unread', () => {
      const restyled = decide('restyle', sampleBadge(), ['--badge-style', 'flat', SAMPLE]);
      assert.deepStrictEqual([restyled.theirs, restyled.ours], [false, true], 'interrogate keeps the default-style badge');
      assert.ok(fs.readFileSync(restyled.files[1], 'utf8').includes('<clipPath id="r">'), 'ours is now flat');
      const huge = sampleBadge().replace('</svg>', `<!--${' '.repeat(1024 * 1024)}--></svg>`);
      const big = decide('huge', huge, [SAMPLE]);
      assert.deepStrictEqual([big.theirs, big.ours], [false, true]);
    });

    it('a FIFO named like the badge is neither read nor written: one line, exit 2, no hang', function () {
      if (process.platform === 'win32') this.skip();
      const dir = path.join(tmp, 'fifo');
      fs.mkdirSync(dir);
      const fifo = path.join(dir, 'b.svg');
      assert.strictEqual(spawnSync('mkfifo', [fifo]).status, 0);
      // No reader on the FIFO: opening it to read or write without O_NONBLOCK would wait forever.
      const r = spawnSync(process.execPath, [path.join(__dirname, '..', '..', '..', 'dist', 'cli.js'), '-f', '0', '-g', fifo, SAMPLE], { encoding: 'utf8', timeout: 30000 });
      assert.strictEqual(r.status, 2, r.stderr);
      assert.strictEqual(r.stderr, `docbits: cannot write ${fifo}: it is a FIFO; give the path of a file.\n`);
    });
  });

  it('should_generate_badge (interrogate\'s, from Python) and shouldWriteBadge agree on the same bytes', () => {
    const base = fs.readFileSync(path.join(UNIT_FIXTURES, 'default-style', '99.svg'), 'utf8');
    const variants: [string, string | Uint8Array][] = [
      ['fixture', base], ['ours', badgeSvg(99.9)], ['ours-other', badgeSvg(80)], ['ours-100', badgeSvg(100)],
      ['no-logo', fs.readFileSync(path.join(UNIT_FIXTURES, 'default-style', 'no_logo.svg'))],
      ['png', fs.readFileSync(path.join(UNIT_FIXTURES, 'default-style', '99.png'))],
      ['truncated', base.slice(0, -10)], ['empty', ''], ['two-roots', `${base}<svg/>`], ['junk-first', `junk${base}`],
      ['unquoted', base.replace('<title>', '<title x=1>')], ['repeated-attr', base.replace('<title>', '<title a="1" a="2">')],
      ['misnested', base.replace('</title>', '</titel>')], ['bare-amp', base.replace('interrogate: 99.9%', 'a & b')],
      ['nbsp', base.replace('interrogate: 99.9%', '&nbsp;')], ['proto-entity', base.replace('interrogate: 99.9%', '&constructor;')], ['unbound-prefix', base.replace('serif:id="logo pink"', 'other:id="logo pink"')],
      ['bom', `\uFEFF${base}`], ['prolog', `<?xml version="1.0"?>\n<!DOCTYPE svg>\n<!-- x -->\n${base}`],
      ['char-refs', base.replace(/>99\.9%<\/text>/g, '>99&#46;9&#x25;</text>')], ['single-quotes', base.replace('style="fill:#4c1"', "style='fill:#4c1'")],
      ['comment-first', base.replace(/(data-interrogate="result">)/g, '$1<!--x-->')], ['cdata', base.replace(/>99\.9%<\/text>/g, '><![CDATA[99.9%]]></text>')],
      ['no-mark', base.replace(/ data-interrogate="color"/, '')], ['style-spaced', base.replace('style="fill:#4c1"', 'style="fill: #4c1"')],
      ['logo-elsewhere', base.replace('id="logo-pink"', 'id="logo"').replace('<defs>', '<g id="logo-pink"/><defs>')],
      ['not-utf8', Buffer.concat([Buffer.from(base.slice(0, 200)), Buffer.from([0xff]), Buffer.from(base.slice(200))])],
    ];
    const percents = [99.9, 99.94, 95, 80];
    const dir = path.join(tmp, 'should');
    fs.mkdirSync(dir);
    const cases = variants.flatMap(([name, content]) => {
      const file = path.join(dir, `${name}.svg`);
      fs.writeFileSync(file, content);
      return percents.map((percent) => ({ name, file, percent, color: badgeColor(percent) }));
    });
    cases.push({ name: 'missing', file: path.join(dir, 'missing.svg'), percent: 50, color: badgeColor(50) });
    fs.writeFileSync(path.join(dir, 'same.txt'), badgeSvg(51.4));
    cases.push({ name: 'txt', file: path.join(dir, 'same.txt'), percent: 51.4, color: badgeColor(51.4) });
    const script = [
      'import json, sys',
      'from interrogate import badge_gen',
      'print(json.dumps([badge_gen.should_generate_badge(c["file"], c["color"], c["percent"]) for c in json.load(sys.stdin)]))',
    ].join('\n');
    const py = spawnSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify(cases), encoding: 'utf8', env: { ...process.env, PYTHONPATH: INTERROGATE_SRC } });
    assert.strictEqual(py.status, 0, py.stderr);
    const theirs = JSON.parse(py.stdout) as boolean[];
    const ours = cases.map((c) => shouldWriteBadge(c.file, fs.existsSync(c.file) ? fs.readFileSync(c.file) : undefined, c.percent));
    const disagreements = cases.flatMap((c, i) => (theirs[i] === ours[i] ? [] : [`${c.name} ${c.percent}: interrogate ${theirs[i]}, docbits ${ours[i]}`]));
    assert.deepStrictEqual(disagreements, []);
    assert.ok(theirs.includes(false) && theirs.includes(true), 'both answers occur');
  });

  it('--badge-format png: refused with a message and exit 2, nothing written (interrogate needs cairosvg)', () => {
    const { theirs, ours } = runBoth(tmp, 'png', ['--badge-format', 'png', SAMPLE]);
    assert.strictEqual(ours.run.code, 2);
    assert.match(ours.run.stderr, /Error: Only SVG badges can be generated: use --badge-format svg\.\n$/);
    assert.deepStrictEqual(ours.files, []);
    // interrogate without cairosvg fails too, after the report, with a traceback (exit 1) and no badge.
    assert.match(theirs.run.stderr, /The required `cairosvg` dependency/);
    assert.strictEqual(theirs.run.code, 1);
    assert.deepStrictEqual(theirs.files, []);
    // From a config file it is reported with its line, and the SVG is written instead.
    const dir = path.join(tmp, 'png-config');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'cfg.toml'), '[tool.interrogate]\nbadge-format = "png"\n');
    const fromFile = runDocbits(['-c', 'cfg.toml', '-f', '0', '-g', dir, SAMPLE], { cwd: dir });
    assert.strictEqual(fromFile.code, 0);
    assert.match(fromFile.stderr, /cfg\.toml:2: error: "badge-format": only SVG badges can be generated/);
    assert.deepStrictEqual(fs.readdirSync(dir).sort(), ['cfg.toml', 'interrogate_badge.svg']);
  });
});
