/**
 * Colours of a document from the landlord's primary colour. White-label colours are not chosen
 * for print: text is only drawn in the primary colour when it reads well on white (WCAG contrast
 * 4.5:1), and header text on a primary fill is white or near-black, whichever contrasts more.
 */
import { DocumentRefusedError } from './errors';

/** "#rrggbb", as PDFKit takes it (DeviceRGB, read as sRGB through the PDF/A output intent). */
export type RGB = string;

export interface DocumentTheme {
  /** Rules, table header fill. */
  primary: RGB;
  /** Text drawn on a primary fill. */
  onPrimary: RGB;
  /** Title text: the primary colour when readable on white, else the body text colour. */
  heading: RGB;
  /** Light background of the total row and of the facts box. */
  tint: RGB;
  text: RGB;
  muted: RGB;
  hairline: RGB;
}

type Channels = [number, number, number];

function parseHex(hex: string): Channels {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new DocumentRefusedError('invalid_input', `Couleur attendue au format #rrggbb (reçu : "${hex}").`, { primaryColor: hex });
  return [1, 2, 3].map((i) => parseInt(match[i]!, 16) / 255) as Channels;
}

/** WCAG 2.1 relative luminance. */
function luminance([r, g, b]: Channels): number {
  const linear = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

function contrast(a: Channels, b: Channels): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

const TEXT: Channels = [0.13, 0.13, 0.13];
const WHITE: Channels = [1, 1, 1];
const toRgb = (channels: Channels): RGB => `#${channels.map((c) => Math.round(c * 255).toString(16).padStart(2, '0')).join('')}`;
const mixWithWhite = (c: Channels, amount: number): Channels => c.map((v) => v * amount + (1 - amount)) as Channels;

export function themeFor(primaryColor: string): DocumentTheme {
  const primary = parseHex(primaryColor);
  return {
    primary: toRgb(primary),
    onPrimary: toRgb(contrast(primary, WHITE) >= contrast(primary, TEXT) ? WHITE : TEXT),
    heading: toRgb(contrast(primary, WHITE) >= 4.5 ? primary : TEXT),
    tint: toRgb(mixWithWhite(primary, 0.1)),
    text: toRgb(TEXT),
    muted: toRgb([0.36, 0.36, 0.36]),
    hairline: toRgb([0.8, 0.8, 0.8]),
  };
}
