/** Test images made in memory: PNGs built chunk by chunk, and photos carrying metadata that must not be stored. */
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';

/** The smallest valid PNG: one pixel. */
export const ONE_PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
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
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
function ihdr(width: number, height: number): Buffer {
  const data = Buffer.alloc(13);
  data.writeUInt32BE(width, 0);
  data.writeUInt32BE(height, 4);
  data[8] = 8; // bit depth
  data[9] = 2; // colour type: RGB
  return chunk('IHDR', data);
}
function pngParts(width: number, height: number) {
  const row = width * 3 + 1;
  const raw = Buffer.alloc(row * height);
  for (let y = 0; y < height; y++) {
    raw[y * row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const i = y * row + 1 + x * 3;
      raw[i] = (x * 255) / width;
      raw[i + 1] = (y * 255) / height;
      raw[i + 2] = ((x >> 5) + (y >> 5)) % 2 ? 200 : 60;
    }
  }
  return { ihdr: ihdr(width, height), idat: chunk('IDAT', deflateSync(raw, { level: 6 })), iend: chunk('IEND', Buffer.alloc(0)) };
}

/** An RGB PNG of width×height: a colour gradient with stripes, like a (very) simple photo. */
export function makePng(width: number, height: number): Buffer {
  const p = pngParts(width, height);
  return Buffer.concat([PNG_SIGNATURE, p.ihdr, p.idat, p.iend]);
}

/** What the crafted photos below carry, to look for in what is served. */
export const SECRET_TEXT = 'GPS 30.7123N 120.9456E';
export const GPS_DATUM = 'WGS-84-MINQING';

/**
 * A PNG with a `tEXt` chunk (a position) followed by a chunk whose length runs far past the end of the
 * file, so that a parser walking the chunks gives up there: after the pixels (the picture displays), or
 * straight after the header (no pixels can be read at all).
 */
export function pngWithTextAndOverrun(where: 'after-pixels' | 'before-pixels'): Buffer {
  const p = pngParts(16, 12);
  const text = chunk('tEXt', Buffer.from(`Location\0${SECRET_TEXT}`, 'latin1'));
  const overrun = Buffer.concat([Buffer.from([0x7f, 0xff, 0xff, 0xff]), Buffer.from('zzZz', 'ascii'), Buffer.from('tail')]);
  return Buffer.concat(where === 'after-pixels' ? [PNG_SIGNATURE, p.ihdr, p.idat, text, overrun] : [PNG_SIGNATURE, p.ihdr, text, overrun]);
}

/**
 * A 40×20 photo as a phone writes it: EXIF with the camera, a GPS position and orientation 6
 * (shown turned a quarter, i.e. 20×40). In WebP the EXIF is a RIFF `EXIF` chunk.
 */
export function photoWithGps(format: 'jpeg' | 'webp'): Promise<Buffer> {
  const exif = {
    IFD0: { Make: 'MinqingPhone', Model: SECRET_TEXT },
    IFD3: {
      GPSLatitudeRef: 'N',
      GPSLatitude: '30/1 42/1 4428/100',
      GPSLongitudeRef: 'E',
      GPSLongitude: '120/1 56/1 4416/100',
      GPSMapDatum: GPS_DATUM,
    },
  };
  const canvas = sharp({ create: { width: 40, height: 20, channels: 3, background: '#c8643c' } });
  return canvas[format]().withExif(exif).withMetadata({ orientation: 6 }).toBuffer();
}
