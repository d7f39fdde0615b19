import path from 'node:path';
import type { Resvg as ResvgType } from '@resvg/resvg-js';

// The font ships in an npm package (OFL), so rendering needs no system fonts and no download.
const FONT_DIR = path.dirname(require.resolve('@expo-google-fonts/roboto/package.json'));
const FONT_FILES = [
  path.join(FONT_DIR, '400Regular', 'Roboto_400Regular.ttf'),
  path.join(FONT_DIR, '700Bold', 'Roboto_700Bold.ttf'),
];

let loaded: typeof ResvgType | undefined;

/** The native renderer is loaded on the first chart, not at start-up (most processes never draw one). */
function resvgClass(): typeof ResvgType {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= (require('@resvg/resvg-js') as typeof import('@resvg/resvg-js')).Resvg;
  return loaded;
}

/**
 * Rasterizes an SVG to PNG with resvg (a Rust renderer shipped as a prebuilt npm binary) and the
 * bundled Roboto font only: the same picture on every machine.
 *
 * @example
 * const png = renderPng(chartSvg(input));
 */
export function renderPng(svg: string): Buffer {
  const resvg = new (resvgClass())(svg, {
    font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: 'Roboto' },
    shapeRendering: 2,
    textRendering: 1,
  });
  return resvg.render().asPng();
}
