/**
 * What an uploaded file really is, from its bytes (the declared type is not trusted), its
 * dimensions, and a JPEG copy without its metadata segments (EXIF carries GPS positions).
 */
export interface SniffedImage {
  mime: 'image/jpeg' | 'image/png' | 'image/webp';
  width: number;
  height: number;
  bytes: Buffer;
}

export const MAX_IMAGE_SIDE = 12_000;
export const MAX_IMAGE_PIXELS = 60_000_000;

export function sniffImage(buf: Buffer): SniffedImage | null {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return jpeg(buf);
  if (buf.length >= 24 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return { mime: 'image/png', width: buf.readUInt32BE(16), height: buf.readUInt32BE(20), bytes: stripPngText(buf) };
  }
  if (buf.length >= 30 && buf.toString('ascii', 0, 4) === 'RIFF' && buf.toString('ascii', 8, 12) === 'WEBP') return webp(buf);
  return null;
}

function jpeg(buf: Buffer): SniffedImage | null {
  const kept: Buffer[] = [buf.subarray(0, 2)];
  let width = 0;
  let height = 0;
  let i = 2;
  while (i + 4 <= buf.length) {
    if (buf[i] !== 0xff) return null;
    const marker = buf[i + 1]!;
    if (marker === 0xd9) break;
    if (marker === 0xda) {
      // start of scan: the rest is image data
      kept.push(buf.subarray(i));
      i = buf.length;
      break;
    }
    const len = buf.readUInt16BE(i + 2);
    if (len < 2 || i + 2 + len > buf.length) return null;
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof && len >= 7) {
      height = buf.readUInt16BE(i + 5);
      width = buf.readUInt16BE(i + 7);
    }
    // APP1..APP15 (EXIF, XMP, …) and comments are dropped; APP0 (JFIF) and the rest stay.
    const isMetadata = (marker >= 0xe1 && marker <= 0xef) || marker === 0xfe;
    if (!isMetadata) kept.push(buf.subarray(i, i + 2 + len));
    i += 2 + len;
  }
  if (!width || !height) return null;
  return { mime: 'image/jpeg', width, height, bytes: Buffer.concat(kept) };
}

/** PNG text chunks (tEXt, iTXt, zTXt, eXIf) can carry metadata: keep only the image chunks. */
function stripPngText(buf: Buffer): Buffer {
  const kept: Buffer[] = [buf.subarray(0, 8)];
  let i = 8;
  while (i + 12 <= buf.length) {
    const len = buf.readUInt32BE(i);
    const type = buf.toString('ascii', i + 4, i + 8);
    const end = i + 12 + len;
    if (end > buf.length) return buf;
    if (!['tEXt', 'iTXt', 'zTXt', 'eXIf'].includes(type)) kept.push(buf.subarray(i, end));
    i = end;
    if (type === 'IEND') break;
  }
  return Buffer.concat(kept);
}

function webp(buf: Buffer): SniffedImage | null {
  const chunk = buf.toString('ascii', 12, 16);
  let width = 0;
  let height = 0;
  if (chunk === 'VP8 ' && buf.length >= 30) {
    width = buf.readUInt16LE(26) & 0x3fff;
    height = buf.readUInt16LE(28) & 0x3fff;
  } else if (chunk === 'VP8L' && buf.length >= 25) {
    const bits = buf.readUInt32LE(21);
    width = (bits & 0x3fff) + 1;
    height = ((bits >> 14) & 0x3fff) + 1;
  } else if (chunk === 'VP8X' && buf.length >= 30) {
    width = buf.readUIntLE(24, 3) + 1;
    height = buf.readUIntLE(27, 3) + 1;
  }
  if (!width || !height) return null;
  return { mime: 'image/webp', width, height, bytes: buf };
}
