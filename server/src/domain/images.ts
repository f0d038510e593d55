import sharp from 'sharp';
import { ApiError } from '../errors.js';

/**
 * A photo as it is stored: decoded and encoded again by sharp (libvips), so nothing of the uploaded
 * file but its pixels survives — no EXIF (GPS positions), XMP, text chunks or bytes after the image.
 */
export interface StoredImage {
  mime: 'image/jpeg' | 'image/png' | 'image/webp';
  width: number;
  height: number;
  bytes: Buffer;
}

export const MAX_IMAGE_SIDE = 12_000;
export const MAX_IMAGE_PIXELS = 60_000_000;
/** What phones and our own browser compression use for photos: no visible loss at a third of the size. */
const QUALITY = 82;

type Format = 'jpeg' | 'png' | 'webp';

/**
 * The three formats we take, by their first bytes (the declared type is not trusted). Only these reach
 * sharp, so its other decoders (SVG, TIFF, GIF, HEIF…) never see what a stranger uploaded.
 */
function formatOf(buf: Buffer): Format | null {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpeg';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (buf.length >= 12 && buf.toString('ascii', 0, 4) === 'RIFF' && buf.toString('ascii', 8, 12) === 'WEBP') return 'webp';
  return null;
}

const notAnImage = () => new ApiError('unsupported_media_type', '只能上传 JPEG、PNG 或 WebP 格式的照片', 'file');
const undecodable = () => new ApiError('unsupported_media_type', '照片已损坏或无法识别，请换一张照片', 'file');

/**
 * Re-encodes an uploaded photo for storage: turned upright by its EXIF orientation, then written
 * without any metadata (sharp keeps none unless asked) in its own format — JPEG at quality 82, PNG
 * (screenshots, transparency) and WebP as they came. Throws the API's error for what is not a JPEG,
 * PNG or WebP, what cannot be decoded, and absurd dimensions.
 */
export async function storableImage(buf: Buffer): Promise<StoredImage> {
  const format = formatOf(buf);
  if (!format) throw notAnImage();
  // the header only (no pixels decoded), unlimited here so that a huge size is told apart from a broken file
  const meta = await sharp(buf, { limitInputPixels: false })
    .metadata()
    .catch(() => {
      throw undecodable();
    });
  if (meta.format !== format) throw undecodable();
  const { width, height } = meta;
  if (!width || !height || width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || width * height > MAX_IMAGE_PIXELS) {
    throw new ApiError('invalid_input', '照片尺寸异常，请换一张照片', 'file');
  }
  const pipeline = sharp(buf, { limitInputPixels: MAX_IMAGE_PIXELS }).rotate();
  const encoded =
    format === 'jpeg' ? pipeline.jpeg({ quality: QUALITY }) : format === 'png' ? pipeline.png() : pipeline.webp({ quality: QUALITY });
  const { data, info } = await encoded.toBuffer({ resolveWithObject: true }).catch(() => {
    throw undecodable();
  });
  return { mime: `image/${format}`, width: info.width, height: info.height, bytes: data };
}
