import jsQR from 'jsqr';
import sharp from 'sharp';

/** What a phone camera reads from a QR code served as SVG: rendered to pixels, decoded by jsQR (null if nothing). */
export async function decodeQrSvg(svg: string | Buffer): Promise<string | null> {
  const { data, info } = await sharp(Buffer.from(svg))
    .resize(400)
    .flatten({ background: '#fff' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data ?? null;
}
