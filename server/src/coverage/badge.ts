/**
 * The coverage badge (`-g/--generate-badge`): a shields.io-like SVG reading `interrogate | 97.1%`.
 *
 * Compatibility with interrogate's badges, so READMEs and tools keep working: the label stays "interrogate",
 * the colours follow interrogate's ranges, and the coloured rect (`style="fill:<colour>"`) and the result
 * texts carry a `data-interrogate` attribute, which is what interrogate reads to decide whether a badge must
 * be rewritten. The drawings are our own simple templates; widths follow the text's estimated length.
 */
import type { BadgeStyle } from '../config/options';
import { pyFormatFixed } from '../python/compat/round';

export const BADGE_FILENAME = 'interrogate_badge';

/** interrogate's colour ranges: the first minimum the percentage reaches. */
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
  return LIGHT_GREY; // only for NaN or negative input
}

/** The result text: `{:.1f}%`, the form interrogate compares with when deciding to rewrite a badge. */
export function badgeResult(percent: number): string {
  return `${pyFormatFixed(percent, 1)}%`;
}

interface StyleSpec {
  height: number;
  radius: number;
  fontSize: number;
  /** Gradient overlay stops (offset 0 and 1), or none for the square, flat looks. */
  gradient?: [string, string];
  uppercase: boolean;
  bold: boolean;
  /** Extra px per character (for-the-badge spreads its letters). */
  letterSpacing: number;
  padding: number;
  /** social: white label box with dark text and a border. */
  social: boolean;
}

const STYLES: Record<BadgeStyle, StyleSpec> = {
  flat: { height: 20, radius: 3, fontSize: 11, gradient: ['#bbb', '#000'], uppercase: false, bold: false, letterSpacing: 0, padding: 6, social: false },
  'flat-square': { height: 20, radius: 0, fontSize: 11, uppercase: false, bold: false, letterSpacing: 0, padding: 6, social: false },
  // interrogate's default: square corners with a light gradient.
  'flat-square-modified': { height: 20, radius: 0, fontSize: 11, gradient: ['#bbb', '#000'], uppercase: false, bold: false, letterSpacing: 0, padding: 6, social: false },
  plastic: { height: 18, radius: 4, fontSize: 11, gradient: ['#fff', '#000'], uppercase: false, bold: false, letterSpacing: 0, padding: 6, social: false },
  'for-the-badge': { height: 28, radius: 0, fontSize: 10, uppercase: true, bold: true, letterSpacing: 1.2, padding: 12, social: false },
  social: { height: 20, radius: 3, fontSize: 11, gradient: ['#fcfcfc', '#ccc'], uppercase: false, bold: true, letterSpacing: 0, padding: 6, social: true },
};

/** Approximate advance widths of Verdana at 11px: narrow punctuation, wide `%` and capitals, 7px otherwise. */
function textWidth(text: string, spec: StyleSpec): number {
  let width = 0;
  for (const ch of text) {
    if (ch === '.' || ch === ',' || ch === 'i' || ch === 'l' || ch === 'I') width += 3.5;
    else if (ch === 'r' || ch === 't' || ch === 'f') width += 4.8;
    else if (ch === '%' || ch === 'm' || ch === 'w' || ch === 'M' || ch === 'W') width += 11;
    else if (ch >= 'A' && ch <= 'Z') width += 7.5;
    else width += 7;
    width += spec.letterSpacing;
  }
  const scaled = (width * spec.fontSize) / 11;
  return Math.round(spec.bold ? scaled * 1.08 : scaled);
}

/** An SVG badge for the percentage, in one of interrogate's styles. */
export function badgeSvg(percent: number, style: BadgeStyle = 'flat-square-modified'): string {
  const spec = STYLES[style] ?? STYLES['flat-square-modified'];
  const color = badgeColor(percent);
  const result = badgeResult(percent);
  const label = spec.uppercase ? 'INTERROGATE' : 'interrogate';
  const shownResult = spec.uppercase ? result.toUpperCase() : result;
  const labelWidth = textWidth(label, spec) + 2 * spec.padding;
  const resultWidth = textWidth(shownResult, spec) + 2 * spec.padding;
  const width = labelWidth + resultWidth;
  const h = spec.height;
  const baseline = Math.round(h / 2 + spec.fontSize / 3 + 0.5);
  const weight = spec.bold ? ' font-weight="bold"' : '';
  const labelFill = spec.social ? '#fcfcfc' : '#555';
  const labelText = spec.social ? '#333' : '#fff';
  const shadow = (x: number, text: string, extra = ''): string =>
    spec.social || spec.uppercase ? '' : `    <text x="${x}" y="${baseline + 1}" fill="#010101" fill-opacity=".3"${extra}>${text}</text>\n`;
  const labelX = labelWidth / 2;
  const resultX = labelWidth + resultWidth / 2;
  const gradient = spec.gradient
    ? `  <linearGradient id="shine" x2="0" y2="100%">\n    <stop offset="0" stop-color="${spec.gradient[0]}" stop-opacity=".1"/>\n    <stop offset="1" stop-color="${spec.gradient[1]}" stop-opacity=".1"/>\n  </linearGradient>\n`
    : '';
  const border = spec.social ? `  <rect x=".5" y=".5" width="${width - 1}" height="${h - 1}" rx="${spec.radius}" fill="none" stroke="#d5d5d5"/>\n` : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${h}" viewBox="0 0 ${width} ${h}" role="img" aria-label="interrogate: ${result}" data-style="${style}">\n` +
    `  <title>interrogate: ${result}</title>\n` +
    gradient +
    `  <clipPath id="round">\n    <rect width="${width}" height="${h}" rx="${spec.radius}" fill="#fff"/>\n  </clipPath>\n` +
    `  <g clip-path="url(#round)">\n` +
    `    <rect width="${labelWidth}" height="${h}" fill="${labelFill}"/>\n` +
    `    <rect x="${labelWidth}" width="${resultWidth}" height="${h}" style="fill:${color}" data-interrogate="color"/>\n` +
    (spec.gradient ? `    <rect width="${width}" height="${h}" fill="url(#shine)"/>\n` : '') +
    `  </g>\n` +
    border +
    `  <g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="${spec.fontSize}"${weight}>\n` +
    shadow(labelX, label) +
    `    <text x="${labelX}" y="${baseline}" fill="${labelText}">${label}</text>\n` +
    shadow(resultX, shownResult, ' data-interrogate="result"') +
    `    <text x="${resultX}" y="${baseline}" data-interrogate="result">${shownResult}</text>\n` +
    `  </g>\n` +
    `</svg>\n`
  );
}

/**
 * Where the badge goes: a folder gets `interrogate_badge.<format>` inside it (as interrogate does); anything
 * else is the file itself. Whether `target` is a folder is the caller's to find out (no filesystem here).
 */
export function badgeOutputPath(target: string, targetIsDirectory: boolean, format: 'svg' | 'png' = 'svg'): string {
  if (!targetIsDirectory) return target;
  const sep = target.endsWith('/') || target.endsWith('\\') ? '' : '/';
  return `${target}${sep}${BADGE_FILENAME}.${format}`;
}

function attribute(tagAttributes: string, name: string): string | undefined {
  const match = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tagAttributes);
  return match ? (match[1] ?? match[2]) : undefined;
}

/**
 * Whether to (re)write the badge: not when the existing SVG already shows the same colour and `{:.1f}%`
 * result (interrogate's rule, which keeps an unchanged badge out of commits). Pass `style` to also rewrite
 * a badge of ours drawn in another style.
 */
export function shouldWriteBadge(existingSvg: string | undefined, percent: number, style?: BadgeStyle): boolean {
  if (!existingSvg || !/<svg\b/.test(existingSvg)) return true;
  if (style !== undefined) {
    const root = /<svg\b([^>]*)>/.exec(existingSvg);
    const existingStyle = root ? attribute(root[1], 'data-style') : undefined;
    if (existingStyle !== undefined && existingStyle !== style) return true;
  }
  const colors = [...existingSvg.matchAll(/<rect\b([^>]*)>/g)]
    .filter((m) => attribute(m[1], 'data-interrogate') !== undefined)
    .map((m) => attribute(m[1], 'style'));
  if (!colors.includes(`fill:${badgeColor(percent)}`)) return true;
  const results = [...existingSvg.matchAll(/<text\b([^>]*)>([^<]*)<\/text>/g)]
    .filter((m) => attribute(m[1], 'data-interrogate') !== undefined)
    .map((m) => m[2]);
  return !results.includes(badgeResult(percent));
}
