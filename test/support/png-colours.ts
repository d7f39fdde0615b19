import type { DecodedPng } from '../manifest/png';

/** How many pixels of a decoded RGBA PNG have exactly this colour (`#RRGGBB`, opaque). */
export function colourCount(image: DecodedPng, hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  let n = 0;
  for (let p = 0; p < image.pixels.length; p += 4) {
    if (
      image.pixels[p] === r &&
      image.pixels[p + 1] === g &&
      image.pixels[p + 2] === b &&
      image.pixels[p + 3] === 255
    )
      n++;
  }
  return n;
}
