/** Test images for the browser tests: PNGs of any size (made in memory), and bytes no browser can decode. */
export { makePng } from '../../helpers/images.js';

/** `bytes` of pseudo-random data with a JPEG's first bytes: a "photo" the browser cannot decode. */
export function undecodableJpeg(bytes: number): Buffer {
  const buf = Buffer.alloc(bytes);
  let s = 12345;
  for (let i = 0; i < bytes; i++) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    buf[i] = s >> 16;
  }
  buf[0] = 0xff;
  buf[1] = 0xd8;
  buf[2] = 0xff;
  return buf;
}
