/**
 * A landlord logo made in code (no binary fixture to keep in git): a house in the landlord blue
 * beside three bars, 240 x 80 px, PNG with alpha. Same pixels every run.
 */
import { PNG } from 'pngjs';

export function makeTestLogo(): Uint8Array {
  const [width, height] = [240, 80];
  const png = new PNG({ width, height });
  const blue = [0x1f, 0x4e, 0x9c];
  const accent = [0xc8, 0x33, 0x6e];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      // Roof: triangle over x 8..72; walls: square below it; door: white notch.
      const roof = y >= 6 && y < 36 && Math.abs(x - 40) <= (y - 6) * 1.1;
      const walls = y >= 36 && y < 74 && x >= 16 && x < 64;
      const door = y >= 52 && y < 74 && x >= 34 && x < 46;
      const bar = x >= 88 && x < 232 && ((y >= 16 && y < 28) || (y >= 36 && y < 48 && x < 200) || (y >= 56 && y < 64 && x < 176));
      const colour = door ? null : roof || walls ? blue : bar ? (y >= 56 ? accent : blue) : null;
      png.data[i] = colour ? colour[0]! : 255;
      png.data[i + 1] = colour ? colour[1]! : 255;
      png.data[i + 2] = colour ? colour[2]! : 255;
      png.data[i + 3] = colour ? 255 : 0;
    }
  }
  return new Uint8Array(PNG.sync.write(png));
}
