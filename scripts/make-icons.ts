/**
 * Draws the Teams app icons pixel by pixel and writes them as PNG (no image libraries):
 *   appPackage/color.png   192×192, accent-colour rounded square, white document, green "accepted" badge
 *   appPackage/outline.png  32×32, white on transparent (Teams rule for outline icons)
 * Run: npx tsx scripts/make-icons.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

type Rgba = readonly [number, number, number, number];
/** A shape is a point-in-shape test in pixel coordinates (pixel centres at x + 0.5). */
type Shape = (x: number, y: number) => boolean;
type Layer = { shape: Shape; color: Rgba } | { shape: Shape; erase: true };

const hex = (h: string, a = 255): Rgba => [
  parseInt(h.slice(1, 3), 16),
  parseInt(h.slice(3, 5), 16),
  parseInt(h.slice(5, 7), 16),
  a,
];

// ---- shapes ----
const roundRect =
  (x0: number, y0: number, x1: number, y1: number, r: number): Shape =>
  (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
const circle =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const polygon =
  (pts: readonly (readonly [number, number])[]): Shape =>
  (x, y) => {
    let inside = false;
    for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
      const [xi, yi] = pts[i]!;
      const [xj, yj] = pts[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  };
/** A polyline of width w with round joins and caps. */
const stroke =
  (pts: readonly (readonly [number, number])[], w: number): Shape =>
  (x, y) => {
    for (let i = 1; i < pts.length; i++) {
      const [ax, ay] = pts[i - 1]!;
      const [bx, by] = pts[i]!;
      const t = Math.max(
        0,
        Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)),
      );
      if ((x - ax - t * (bx - ax)) ** 2 + (y - ay - t * (by - ay)) ** 2 <= (w / 2) ** 2) return true;
    }
    return false;
  };
const and =
  (...s: Shape[]): Shape =>
  (x, y) =>
    s.every((f) => f(x, y));
/** Moves a shape by (dx, dy). */
const at =
  (s: Shape, dx: number, dy: number): Shape =>
  (x, y) =>
    s(x - dx, y - dy);
const minus =
  (a: Shape, b: Shape): Shape =>
  (x, y) =>
    a(x, y) && !b(x, y);

/** A sheet of paper with a folded top-right corner and slightly rounded other corners. */
const documentShape = (x0: number, y0: number, x1: number, y1: number, fold: number, r: number): Shape =>
  and(
    roundRect(x0, y0, x1, y1, r),
    polygon([
      [x0, y0],
      [x1 - fold, y0],
      [x1, y0 + fold],
      [x1, y1],
      [x0, y1],
    ]),
  );

// ---- rasteriser: 8×8 supersampling per pixel, straight-alpha "over" compositing ----
function render(size: number, layers: Layer[]): Buffer {
  const ss = 8;
  const out = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (const layer of layers) {
        let hits = 0;
        for (let sy = 0; sy < ss; sy++)
          for (let sx = 0; sx < ss; sx++) if (layer.shape(px + (sx + 0.5) / ss, py + (sy + 0.5) / ss)) hits++;
        const cov = hits / (ss * ss);
        if (cov === 0) continue;
        if ('erase' in layer) {
          a *= 1 - cov;
          continue;
        }
        const sa = (layer.color[3] / 255) * cov;
        const na = sa + a * (1 - sa);
        if (na > 0) {
          r = (layer.color[0] * sa + r * a * (1 - sa)) / na;
          g = (layer.color[1] * sa + g * a * (1 - sa)) / na;
          b = (layer.color[2] * sa + b * a * (1 - sa)) / na;
        }
        a = na;
      }
      const o = (py * size + px) * 4;
      const alpha = Math.round(a * 255);
      // Fully transparent pixels are written as 0,0,0,0; others keep their colour.
      out[o] = alpha ? Math.round(r) : 0;
      out[o + 1] = alpha ? Math.round(g) : 0;
      out[o + 2] = alpha ? Math.round(b) : 0;
      out[o + 3] = alpha;
    }
  }
  return out;
}

// ---- PNG encoder (RGBA, 8 bit, per-row adaptive filter, zlib via node:zlib) ----
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
export function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
const paeth = (a: number, b: number, c: number): number => {
  const p = a + b - c;
  const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
};
export function encodePng(width: number, height: number, rgba: Buffer): Buffer {
  const stride = width * 4;
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const cur = rgba.subarray(y * stride, (y + 1) * stride);
    const prev = y > 0 ? rgba.subarray((y - 1) * stride, y * stride) : Buffer.alloc(stride);
    // Try the five filter types and keep the one with the smallest sum of absolute values.
    let best: Buffer | undefined;
    let bestScore = Infinity;
    for (let type = 0; type <= 4; type++) {
      const row = Buffer.alloc(stride + 1);
      row[0] = type;
      let score = 0;
      for (let i = 0; i < stride; i++) {
        const a = i >= 4 ? cur[i - 4]! : 0;
        const b = prev[i]!;
        const c = i >= 4 ? prev[i - 4]! : 0;
        const pred = [0, a, b, (a + b) >> 1, paeth(a, b, c)][type]!;
        const v = (cur[i]! - pred) & 0xff;
        row[i + 1] = v;
        score += v < 128 ? v : 256 - v;
      }
      if (score < bestScore) [best, bestScore] = [row, score];
    }
    rows.push(best!);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type 6 (RGBA), deflate, standard filters, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---- the two icons ----
const ACCENT = hex('#0F6CBD'); // = manifest accentColor
const WHITE = hex('#FFFFFF');

function colorIcon(): Buffer {
  const doc = documentShape(50, 30, 132, 150, 28, 10);
  const badge = circle(130, 134, 34);
  // The emblem is drawn in design coordinates, then moved so that its visible extent is centred.
  const emblem: Layer[] = [
    { shape: doc, color: WHITE },
    // the folded corner
    {
      shape: polygon([
        [104, 30],
        [104, 58],
        [132, 58],
      ]),
      color: hex('#B4D6FA'),
    },
    // text lines on the sheet
    ...[66, 84, 102].map((y, i) => ({
      shape: stroke(
        [
          [66, y],
          [i === 0 ? 96 : 116, y],
        ],
        8,
      ),
      color: hex('#9FC6EE'),
    })),
    // "accepted" badge: accent ring to separate it from the sheet, green disc, white tick
    { shape: circle(130, 134, 42), color: ACCENT },
    { shape: badge, color: hex('#13A10E') },
    {
      shape: stroke(
        [
          [114, 135],
          [125, 146],
          [147, 122],
        ],
        10,
      ),
      color: WHITE,
    },
  ];
  return render(192, [
    { shape: roundRect(0, 0, 192, 192, 40), color: ACCENT },
    ...emblem.map((l) => ({ ...l, shape: at(l.shape, -11, -3) })),
  ]);
}

function outlineIcon(): Buffer {
  const outer = documentShape(5, 3, 23, 27, 6, 2);
  const inner = documentShape(7, 5, 21, 25, 5, 1);
  return render(32, [
    { shape: minus(outer, inner), color: WHITE },
    // fold edge
    {
      shape: stroke(
        [
          [17, 4],
          [17, 9],
          [22, 9],
        ],
        2,
      ),
      color: WHITE,
    },
    // two text lines
    {
      shape: stroke(
        [
          [10, 12],
          [15, 12],
        ],
        2,
      ),
      color: WHITE,
    },
    {
      shape: stroke(
        [
          [10, 16],
          [14, 16],
        ],
        2,
      ),
      color: WHITE,
    },
    // badge: cut a gap around it, fill it, cut the tick out so it shows as transparent
    { shape: circle(23, 23, 8.5), erase: true },
    { shape: circle(23, 23, 7), color: WHITE },
    {
      shape: stroke(
        [
          [19.5, 23.2],
          [22, 25.7],
          [26.5, 20.7],
        ],
        2,
      ),
      erase: true,
    },
  ]);
}

const dir = join(__dirname, '..', 'appPackage');
writeFileSync(join(dir, 'color.png'), encodePng(192, 192, colorIcon()));
writeFileSync(join(dir, 'outline.png'), encodePng(32, 32, outlineIcon()));
console.log(`wrote ${join(dir, 'color.png')} and ${join(dir, 'outline.png')}`);
