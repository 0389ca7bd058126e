/**
 * WCAG 2.1 contrast arithmetic, so that a landlord's colours can never push the UI below AA:
 * a colour that fails is darkened (or the text colour is swapped for black/white) until it passes.
 */

type Rgb = [number, number, number];

function parseHex(hex: string): Rgb {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

function toHex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((part) => Math.round(part).toString(16).padStart(2, '0')).join('')}`;
}

function luminance(hex: string): number {
  const [r, g, b] = parseHex(hex).map((channel) => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** `color` darkened step by step until it reaches `ratio` against `background` (light). */
export function darkenUntil(color: string, background: string, ratio: number): string {
  let rgb = parseHex(color);
  let hex = color.toLowerCase();
  for (let step = 0; step < 40 && contrastRatio(hex, background) < ratio; step++) {
    rgb = rgb.map((channel) => channel * 0.92) as Rgb;
    hex = toHex(rgb);
  }
  return hex;
}

/** `preferred` when it reaches `ratio` on `background`, else black or white, whichever is better. */
export function readableOn(background: string, preferred: string, ratio = 4.5): string {
  if (contrastRatio(preferred, background) >= ratio) return preferred.toLowerCase();
  return contrastRatio('#000000', background) >= contrastRatio('#ffffff', background) ? '#000000' : '#ffffff';
}
