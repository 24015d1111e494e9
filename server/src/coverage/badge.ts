/**
 * The coverage badge (`-g/--generate-badge`), as interrogate 1.7.0 draws it: the same six styles with the same
 * sizes, text positions and colours, so a README's badge looks the same whichever tool wrote it, and the same
 * rule for keeping an unchanged badge (so neither tool makes a commit out of nothing).
 *
 * The drawing is built here element by element from interrogate's measurements; only the sloth logo is our own
 * simpler drawing (its `logo-pink` group is what interrogate looks for before it keeps a badge).
 * No filesystem here: the CLI reads the existing badge (bounded) and writes the new one.
 */
import { TextDecoder } from 'util';
import type { BadgeStyle } from '../config/options';
import { pyFormatFixed } from '../python/compat/round';

export const BADGE_FILENAME = 'interrogate_badge';
const DEFAULT_STYLE: BadgeStyle = 'flat-square-modified';
/** An existing badge larger than this is rewritten unread (a badge is ~10 kB; the file could be anything). */
export const MAX_BADGE_READ_BYTES = 1024 * 1024;

/** interrogate's colour ranges: the first minimum the percentage reaches; light grey below 0 (and for NaN). */
const COLOR_RANGES: readonly [number, string][] = [
  [95, '#4c1'],
  [90, '#97CA00'],
  [75, '#a4a61d'],
  [60, '#dfb317'],
  [40, '#fe7d37'],
  [0, '#e05d44'],
];
const LIGHT_GREY = '#9f9f9f';

export function badgeColor(percent: number): string {
  for (const [minimum, color] of COLOR_RANGES) if (percent >= minimum) return color;
  return LIGHT_GREY;
}

/** interrogate's `_format_result`: `100` for exactly 100, else one decimal (`99.96` shows `100.0`). The badge adds `%`. */
export function badgeResult(percent: number): string {
  return percent === 100 ? '100' : pyFormatFixed(percent, 1);
}

interface Measurements {
  svgWidth: number;
  rectWidth: number;
  textX: number;
  textLength: number;
}

/**
 * interrogate's SVG_WIDTH_VALUES: (svg width, coloured rect width, result text x, result text length) by the
 * result's length. Some styles draw fixed sizes and use only some of these (flat: the text length only), as
 * interrogate's templates do; the table is kept whole so each style reads what interrogate's reads.
 */
const WIDTHS: Record<'100' | '99.9' | '9.9', Record<BadgeStyle, [number, number, number, number]>> = {
  '100': {
    plastic: [135, 43, 1140, 330], social: [133, 37, 1140, 290], flat: [114, 43, 915, 330],
    'flat-square': [135, 42, 1140, 330], 'flat-square-modified': [114, 43, 915, 330], 'for-the-badge': [0, 0, 1670.75, 390],
  },
  '99.9': {
    plastic: [135, 43, 1140, 370], social: [137, 41, 1175, 330], flat: [118, 47, 935, 370],
    'flat-square': [140, 47, 1160, 370], 'flat-square-modified': [114, 43, 915, 370], 'for-the-badge': [0, 0, 1660.75, 432.5],
  },
  '9.9': {
    plastic: [135, 43, 1140, 290], social: [131, 35, 1145, 270], flat: [110, 39, 895, 290],
    'flat-square': [132, 39, 1120, 290], 'flat-square-modified': [114, 43, 915, 300], 'for-the-badge': [0, 0, 1680.75, 350],
  },
};

/** The measurements by the raw percentage, as interrogate picks them (so 9.96, shown `10.0`, gets the `9.9` row). */
export function badgeMeasurements(percent: number, style: BadgeStyle): Measurements {
  const row = percent === 100 ? WIDTHS['100'] : percent >= 10 ? WIDTHS['99.9'] : WIDTHS['9.9'];
  const [svgWidth, rectWidth, textX, textLength] = row[style];
  return { svgWidth, rectWidth, textX, textLength };
}

// --- Drawing ---------------------------------------------------------------------------------------------

type Attrs = Record<string, string | number>;
/** An element with either child elements or text. */
interface Element {
  tag: string;
  attrs: Attrs;
  children: Element[];
  text?: string;
}

function el(tag: string, attrs: Attrs, ...children: Element[]): Element {
  return { tag, attrs, children };
}

function textEl(tag: string, attrs: Attrs, text: string): Element {
  return { tag, attrs, children: [], text };
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Four-space indentation, one element a line, text inline: the layout of interrogate's files. */
function render(node: Element, depth = 0): string {
  const pad = '    '.repeat(depth);
  const attrs = Object.entries(node.attrs).map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`).join('');
  if (node.text !== undefined) return `${pad}<${node.tag}${attrs}>${escapeXml(node.text)}</${node.tag}>\n`;
  if (node.children.length === 0) return `${pad}<${node.tag}${attrs}/>\n`;
  return `${pad}<${node.tag}${attrs}>\n${node.children.map((c) => render(c, depth + 1)).join('')}${pad}</${node.tag}>\n`;
}

const XMLNS = { xmlns: 'http://www.w3.org/2000/svg', 'xmlns:xlink': 'http://www.w3.org/1999/xlink' };
const VERDANA = 'Verdana,Geneva,DejaVu Sans,sans-serif';
const PINK = 'rgb(222,120,160)';
const SHADOW = 'rgb(1,1,1)';

/**
 * docbits' sloth: a face outline, eye patches, eyes, nose and smile in interrogate's 100-unit logo box, placed
 * where interrogate places its logo. The shadow copy is the same drawing in translucent black, a little lower.
 */
function logo(id: 'logo-pink' | 'logo-shadow', dy: number, options: { dx?: number; innerDy?: number; serif?: boolean } = {}): Element {
  const paint = id === 'logo-pink' ? PINK : SHADOW;
  const opacity = id === 'logo-pink' ? '' : 'opacity:0.3;';
  const fill = `fill:${paint};${opacity}`;
  const stroke = (width: number): string => `fill:none;stroke:${paint};stroke-width:${width};stroke-linecap:round;${opacity}`;
  return el(
    'g',
    { id, ...(options.serif ? { 'serif:id': id.replace('-', ' ') } : {}), transform: `matrix(0.854876,0,0,0.854876,${options.dx ?? -6.73514},${dy})` },
    el(
      'g',
      { transform: `matrix(0.299012,0,0,0.299012,9.70229,${options.innerDy ?? -6.68582})` },
      el('ellipse', { cx: 50, cy: 57.5, rx: 37.5, ry: 24.5, style: stroke(3) }),
      el('ellipse', { cx: 28.67, cy: 56, rx: 11, ry: 8, transform: 'rotate(-15 28.67 56)', style: stroke(2.5) }),
      el('ellipse', { cx: 71.33, cy: 56, rx: 11, ry: 8, transform: 'rotate(15 71.33 56)', style: stroke(2.5) }),
      el('circle', { cx: 28.67, cy: 56, r: 5.16, style: fill }),
      el('circle', { cx: 71.33, cy: 56, r: 5.16, style: fill }),
      el('ellipse', { cx: 50, cy: 60.5, rx: 5, ry: 3.5, style: fill }),
      el('path', { d: 'M41,67C45,71.5 55,71.5 59,67', style: stroke(3) }),
    ),
  );
}

function root(width: number, height: number, label: string, result: string, ...children: Element[]): Element {
  const title = `${label}: ${result}%`;
  return el('svg', { ...XMLNS, width, height, role: 'img', 'aria-label': title }, textEl('title', {}, title), ...children);
}

interface Line {
  x: number;
  y: number;
  length: number;
  text: string;
}

/**
 * flat, flat-square and plastic: the label and the result at a tenth of their size (`scale(.1)`), each with a
 * translucent copy 1px lower when `shadow`; `resultAttrs` marks the result as interrogate's template does.
 */
function textGroup(label: Line, result: Line, shadow: boolean, resultAttrs: Attrs): Element {
  const lines = (t: Line, attrs: Attrs): Element[] => [
    ...(shadow ? [textEl('text', { 'aria-hidden': 'true', x: t.x, y: t.y + 10, fill: '#010101', 'fill-opacity': '.3', transform: 'scale(.1)', textLength: t.length }, t.text)] : []),
    textEl('text', { x: t.x, y: t.y, transform: 'scale(.1)', fill: '#fff', textLength: t.length, ...attrs }, t.text),
  ];
  return el('g', { fill: '#fff', 'text-anchor': 'middle', 'font-family': VERDANA, 'text-rendering': 'geometricPrecision', 'font-size': 110 },
    ...lines(label, {}), ...lines(result, resultAttrs));
}

function linearGradient(id: string, stops: Attrs[]): Element {
  return el('linearGradient', { id, x2: 0, y2: '100%' }, ...stops.map((s) => el('stop', s)));
}

/** flat and plastic: rounded corners clipping the two boxes and a gradient overlay. */
function clipped(width: number, height: number, radius: number, labelWidth: number, rectWidth: number, color: string, gradient: Element): Element[] {
  return [
    gradient,
    el('clipPath', { id: 'r' }, el('rect', { width, height, rx: radius, fill: '#fff' })),
    el('g', { 'clip-path': 'url(#r)' },
      el('rect', { width: labelWidth, height, fill: '#555' }),
      el('rect', { x: labelWidth, width: rectWidth, height, fill: color }),
      el('rect', { width, height, fill: 'url(#s)' })),
  ];
}

/** flat-square and for-the-badge: two square boxes, no gradient. */
function square(height: number, labelWidth: number, rectWidth: number, color: string): Element {
  return el('g', { 'shape-rendering': 'crispEdges' },
    el('rect', { width: labelWidth, height, fill: '#555' }),
    el('rect', { x: labelWidth, width: rectWidth, height, fill: color }));
}

type Draw = (result: string, color: string, m: Measurements) => Element;

const MARKED: Attrs = { 'data-interrogate': 'result' };
const labelLine = (x: number, y: number): Line => ({ x, y, length: 610, text: 'interrogate' });

const DRAW: Record<BadgeStyle, Draw> = {
  // interrogate's default, exported from a design tool: the boxes are placed with matrices, and the coloured box
  // carries `data-interrogate="color"` in a style attribute, the one thing its keep-or-rewrite rule reads. Fixed
  // size: only the result's text length follows the table.
  'flat-square-modified': (result, color, m) => {
    const pair = (text: string, x: number, length: number, attrs: Attrs): Element[] => [
      textEl('text', { x, y: 150, fill: '#010101', 'fill-opacity': '.3', transform: 'scale(.1)', textLength: length, ...attrs }, text),
      textEl('text', { x, y: 140, transform: 'scale(.1)', textLength: length, ...attrs }, text),
    ];
    const svg = root(140, 20, 'interrogate', result,
      el('g', { transform: 'matrix(1,0,0,1,22,0)' },
        el('g', { id: 'backgrounds', transform: 'matrix(1.32789,0,0,1,-22.3892,0)' },
          el('rect', { x: 0, y: 0, width: 71, height: 20, style: 'fill:rgb(85,85,85);' })),
        el('rect', { x: 71, y: 0, width: 47, height: 20, 'data-interrogate': 'color', style: `fill:${color}` }),
        el('g', { transform: 'matrix(1.19746,0,0,1,-22.3744,-4.85723e-16)' },
          el('rect', { x: 0, y: 0, width: 118, height: 20, style: 'fill:url(#_Linear1);' }))),
      el('g', { fill: '#fff', 'text-anchor': 'middle', 'font-family': 'DejaVu Sans,Verdana,Geneva,sans-serif', 'font-size': 110 },
        ...pair('interrogate', 590, 610, {}), ...pair(`${result}%`, 1160, m.textLength, MARKED)),
      logo('logo-shadow', 1.732, { serif: true }),
      logo('logo-pink', 0.877124, { serif: true }),
      el('defs', {},
        el('linearGradient', { id: '_Linear1', x1: 0, y1: 0, x2: 1, y2: 0, gradientUnits: 'userSpaceOnUse', gradientTransform: 'matrix(1.22465e-15,20,-20,1.22465e-15,0,0)' },
          el('stop', { offset: 0, style: 'stop-color:rgb(187,187,187);stop-opacity:0.1' }),
          el('stop', { offset: 1, style: 'stop-color:black;stop-opacity:0.1' }))));
    // The design tool's root attributes, in its order.
    svg.attrs = {
      width: 140, height: 20, viewBox: '0 0 140 20', version: '1.1', ...XMLNS, 'xml:space': 'preserve', 'xmlns:serif': 'http://www.serif.com/',
      style: 'fill-rule:evenodd;clip-rule:evenodd;stroke-linejoin:round;stroke-miterlimit:2;',
    };
    return svg;
  },
  // Fixed size too: only the result's text length follows the table.
  flat: (result, color, m) => root(140, 20, 'interrogate', result,
    ...clipped(140, 20, 3, 93, 47, color, linearGradient('s', [{ offset: 0, 'stop-color': '#bbb', 'stop-opacity': '.1' }, { offset: 1, 'stop-opacity': '.1' }])),
    textGroup(labelLine(590, 140), { x: 1160, y: 140, length: m.textLength, text: `${result}%` }, true, MARKED),
    logo('logo-shadow', 1.732),
    logo('logo-pink', 0.877124)),
  'flat-square': (result, color, m) => root(m.svgWidth, 20, 'interrogate', result,
    square(20, 93, m.rectWidth, color),
    textGroup(labelLine(590, 140), { x: m.textX, y: 140, length: m.textLength, text: `${result}%` }, false, MARKED),
    logo('logo-pink', 0.877124)),
  // interrogate's plastic badge marks neither its colour nor its result.
  plastic: (result, color, m) => root(m.svgWidth, 18, 'interrogate', result,
    ...clipped(m.svgWidth, 18, 4, 92, m.rectWidth, color, linearGradient('s', [
      { offset: 0, 'stop-color': '#fff', 'stop-opacity': '.7' }, { offset: '.1', 'stop-color': '#aaa', 'stop-opacity': '.1' },
      { offset: '.9', 'stop-color': '#000', 'stop-opacity': '.3' }, { offset: 1, 'stop-color': '#000', 'stop-opacity': '.5' },
    ])),
    textGroup(labelLine(570, 130), { x: m.textX, y: 130, length: m.textLength, text: `${result}%` }, true, {}),
    logo('logo-shadow', 1.232),
    logo('logo-pink', 0.377124)),
  // Fixed size; the result's position and length follow the table.
  'for-the-badge': (result, color, m) => root(200, 28, 'INTERROGATE', result,
    square(28, 132.75, 67.25, color),
    el('g', { fill: '#fff', 'text-anchor': 'middle', 'font-family': VERDANA, 'text-rendering': 'geometricPrecision', 'font-size': 100 },
      textEl('text', { transform: 'scale(.1)', x: 770.75, y: 175, textLength: 867.5, fill: '#fff' }, 'INTERROGATE'),
      textEl('text', { transform: 'scale(.1)', x: m.textX, y: 175, textLength: m.textLength, fill: '#fff', 'font-weight': 'bold', ...MARKED }, `${result}%`)),
    logo('logo-pink', 0.877124, { dx: -4.73514, innerDy: -1.78582 })),
  // shields.io's social look: white boxes and no colour (interrogate's social badge shows none either).
  social: (result, _color, m) => {
    const pair = (text: string, x: number, length: number, attrs: Attrs): Element[] => [
      textEl('text', { 'aria-hidden': 'true', x, y: 150, fill: '#fff', transform: 'scale(.1)', textLength: length }, text),
      textEl('text', { ...attrs, x, y: 140, transform: 'scale(.1)', textLength: length }, text),
    ];
    return root(m.svgWidth, 20, 'Interrogate', result,
      textEl('style', {}, 'a:hover #llink{fill:url(#b);stroke:#ccc}a:hover #rlink{fill:#4183c4}'),
      linearGradient('a', [{ offset: 0, 'stop-color': '#fcfcfc', 'stop-opacity': 0 }, { offset: 1, 'stop-opacity': '.1' }]),
      linearGradient('b', [{ offset: 0, 'stop-color': '#ccc', 'stop-opacity': '.1' }, { offset: 1, 'stop-opacity': '.1' }]),
      el('g', { stroke: '#d5d5d5' },
        el('rect', { stroke: 'none', fill: '#fcfcfc', x: 0.5, y: 0.5, width: 89, height: 19, rx: 2 }),
        el('rect', { x: 95.5, y: 0.5, width: m.rectWidth, height: 19, rx: 2, fill: '#fafafa' }),
        el('rect', { x: 95, y: 7.5, width: 0.5, height: 5, stroke: '#fafafa' }),
        el('path', { d: 'M95.5 6.5 l-3 3v1 l3 3', stroke: '#d5d5d5', fill: '#fafafa' })),
      el('g', { 'aria-hidden': 'true', fill: '#333', 'text-anchor': 'middle', 'font-family': 'Helvetica Neue,Helvetica,Arial,sans-serif', 'text-rendering': 'geometricPrecision', 'font-weight': 700, 'font-size': '110px', 'line-height': '14px' },
        el('rect', { id: 'llink', stroke: '#d5d5d5', fill: 'url(#a)', x: '.5', y: '.5', width: 89, height: 19, rx: 2 }),
        ...pair('Interrogate', 565, 590, {}), ...pair(`${result}%`, m.textX, m.textLength, { id: 'rlink' })),
      logo('logo-pink', 1.277124));
  },
};

/** The SVG badge for the percentage in one of interrogate's styles (its default when none is given). */
export function badgeSvg(percent: number, style: BadgeStyle = DEFAULT_STYLE): string {
  return render(DRAW[style](badgeResult(percent), badgeColor(percent), badgeMeasurements(percent, style)));
}

/**
 * Where the badge goes: a folder gets `interrogate_badge.svg` inside it (as interrogate does); anything else is
 * the file itself, whatever its name. Whether `target` is a folder is the caller's to find out.
 */
export function badgeOutputPath(target: string, targetIsDirectory: boolean): string {
  if (!targetIsDirectory) return target;
  const sep = target.endsWith('/') || target.endsWith('\\') ? '' : '/';
  return `${target}${sep}${BADGE_FILENAME}.svg`;
}

// --- Keep or rewrite -------------------------------------------------------------------------------------

/** Text (merged with adjacent text and CDATA, as minidom merges them), a comment or a processing instruction. */
interface XmlData {
  data: string;
  text: boolean;
}

interface XmlElement {
  name: string;
  attributes: Map<string, string>;
  /** Elements, and the text, comments and processing instructions between them (which minidom gives `.data`). */
  children: (XmlElement | XmlData)[];
}

const NAME = /[A-Za-z_:\u00C0-\uFFFF][\w.:\u00B7\u00C0-\uFFFF-]*/y;
const XML_PREFIXES: ReadonlySet<string> = new Set(['xml', 'xmlns']);
const ENTITIES = new Map([['lt', '<'], ['gt', '>'], ['amp', '&'], ['quot', '"'], ['apos', "'"]]);

/** Character and predefined entity references decoded; undefined for any other `&` (expat refuses those). */
function decodeEntities(s: string): string | undefined {
  let bad = false;
  const out = s.replace(/&([^;&]*);?/g, (whole, ref: string) => {
    const code = /^#x([0-9a-fA-F]+)$/.exec(ref) ? parseInt(ref.slice(2), 16) : /^#(\d+)$/.test(ref) ? Number(ref.slice(1)) : undefined;
    if (whole.endsWith(';') && code !== undefined && code > 0 && code <= 0x10ffff) return String.fromCodePoint(code);
    const entity = ENTITIES.get(ref);
    if (whole.endsWith(';') && entity !== undefined) return entity;
    bad = true;
    return '';
  });
  return bad ? undefined : out;
}

/**
 * The document's root element, or undefined where Python's minidom (expat) would raise: unbalanced or
 * misnested tags, unquoted or repeated attributes, stray `<` or `&`, an undeclared namespace prefix, text
 * outside the root, no root. Enough of XML for the rule below, which must rewrite what interrogate cannot parse.
 */
function parseXml(text: string): XmlElement | undefined {
  let i = 0; // the decoder has taken off a BOM
  const stack: { element: XmlElement; prefixes: ReadonlySet<string> }[] = [];
  let rootElement: XmlElement | undefined;
  const name = (): string | undefined => {
    NAME.lastIndex = i;
    const m = NAME.exec(text);
    if (!m) return undefined;
    i += m[0].length;
    return m[0];
  };
  const skipSpace = (): void => {
    while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
  };
  const addData = (data: string, isText: boolean): boolean => {
    const top = stack[stack.length - 1];
    if (!top) return !isText || data.trim() === '';
    const last = top.element.children[top.element.children.length - 1];
    if (isText && last && !('name' in last) && last.text) last.data += data;
    else top.element.children.push({ data, text: isText });
    return true;
  };
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt !== i) {
      const raw = text.slice(i, lt < 0 ? text.length : lt);
      const data = raw.includes(']]>') ? undefined : decodeEntities(raw);
      if (data === undefined || !addData(data, true)) return undefined;
      if (lt < 0) break;
      i = lt;
    }
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) return undefined;
      addData(text.slice(i + 4, end), false);
      i = end + 3;
    } else if (text.startsWith('<![CDATA[', i)) {
      const end = text.indexOf(']]>', i);
      if (end < 0 || stack.length === 0) return undefined;
      addData(text.slice(i + 9, end), true);
      i = end + 3;
    } else if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i);
      if (end < 0) return undefined;
      const body = text.slice(i + 2, end);
      if (!/^xml\b/i.test(body)) addData(body.replace(/^\S+\s*/, ''), false);
      i = end + 2;
    } else if (text.startsWith('<!DOCTYPE', i)) {
      if (stack.length > 0 || rootElement) return undefined;
      const subset = text.indexOf('[', i);
      const close = text.indexOf('>', i);
      const end = subset >= 0 && subset < close ? text.indexOf(']', subset) : close;
      if (end < 0 || text.indexOf('>', end) < 0) return undefined;
      i = text.indexOf('>', end) + 1;
    } else if (text.startsWith('</', i)) {
      i += 2;
      const closing = name();
      skipSpace();
      const top = stack.pop();
      if (!top || closing !== top.element.name || text[i] !== '>') return undefined;
      i++;
    } else {
      i++;
      const tag = name();
      if (!tag || (rootElement && stack.length === 0)) return undefined;
      const element: XmlElement = { name: tag, attributes: new Map(), children: [] };
      for (;;) {
        const before = i;
        skipSpace();
        if (text.startsWith('/>', i) || text[i] === '>') break;
        const attribute = i > before ? name() : undefined;
        if (!attribute) return undefined;
        skipSpace();
        if (text[i] !== '=') return undefined;
        i++;
        skipSpace();
        const quote = text[i];
        const end = quote === '"' || quote === "'" ? text.indexOf(quote, i + 1) : -1;
        if (end < 0) return undefined;
        const value = text.slice(i + 1, end);
        const decoded = value.includes('<') ? undefined : decodeEntities(value);
        if (decoded === undefined || element.attributes.has(attribute)) return undefined;
        element.attributes.set(attribute, decoded.replace(/[\t\r\n]/g, ' '));
        i = end + 1;
      }
      // The prefixes in scope: the parent's set, copied only where an element declares one.
      let prefixes = stack[stack.length - 1]?.prefixes ?? XML_PREFIXES;
      for (const key of element.attributes.keys()) if (key.startsWith('xmlns:')) prefixes = new Set([...prefixes, key.slice(6)]);
      const unbound = (qualified: string): boolean => {
        const colon = qualified.indexOf(':');
        return colon >= 0 && !prefixes.has(qualified.slice(0, colon));
      };
      if (unbound(tag)) return undefined;
      for (const key of element.attributes.keys()) if (unbound(key)) return undefined;
      if (stack.length > 0) stack[stack.length - 1].element.children.push(element);
      else rootElement = element;
      if (text[i] === '>') {
        stack.push({ element, prefixes });
        i++;
      } else {
        i += 2;
      }
    }
  }
  return stack.length === 0 ? rootElement : undefined;
}

/** minidom's getElementsByTagName, without recursion: a hostile file may nest a few hundred thousand levels. */
function elementsNamed(root: XmlElement, tag: string): XmlElement[] {
  const found: XmlElement[] = [];
  const pending = [root];
  for (let element = pending.pop(); element; element = pending.pop()) {
    if (element.name === tag) found.push(element);
    for (let i = element.children.length - 1; i >= 0; i--) {
      const child = element.children[i];
      if ('name' in child) pending.push(child);
    }
  }
  return found;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * interrogate's `should_generate_badge`: keep the existing badge only when it is an `.svg` file that parses,
 * has the `logo-pink` group, a `data-interrogate` rect styled `fill:<colour>` and a `data-interrogate` text
 * reading the result with one decimal. So a 100% badge (it reads `100%`, the check looks for `100.0%`) and
 * every style but the default (none marks its colour that way) are rewritten each run, as interrogate does.
 *
 * `existing` is the file's bytes: undefined when there is no file, it is not a regular file, or it is larger
 * than MAX_BADGE_READ_BYTES (all rewritten). One addition: a badge asked for in another style than the default
 * is always drawn, where interrogate would keep a default-style badge with the same result.
 */
export function shouldWriteBadge(output: string, existing: Uint8Array | undefined, percent: number, style: BadgeStyle = DEFAULT_STYLE): boolean {
  if (existing === undefined || !output.endsWith('.svg') || style !== DEFAULT_STYLE) return true;
  let text: string;
  try {
    text = utf8.decode(existing);
  } catch {
    return true;
  }
  const svg = parseXml(text);
  if (!svg) return true;
  if (!elementsNamed(svg, 'g').some((g) => g.attributes.get('id') === 'logo-pink')) return true;
  const marked = (tag: string): XmlElement[] => elementsNamed(svg, tag).filter((e) => e.attributes.has('data-interrogate'));
  if (!marked('rect').some((r) => r.attributes.get('style') === `fill:${badgeColor(percent)}`)) return true;
  // minidom's `childNodes[0].data`: the first child's text (interrogate fails on an empty or element-first text).
  const results = marked('text').map((t) => t.children[0]).map((first) => (first && !('name' in first) ? first.data : undefined));
  return !results.includes(`${pyFormatFixed(percent, 1)}%`);
}
