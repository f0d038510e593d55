/**
 * Shrinks a photo in the browser before upload: at most `maxSide` px on its longer side,
 * re-encoded as JPEG — a 12-megapixel phone photo of 4–6 MB becomes ~300 KB, which is what
 * a weak network can carry. Also makes a small thumbnail to keep with the local draft.
 * A file the browser cannot decode (e.g. HEIC on some phones) is passed through unchanged.
 */
export interface CompressedImage {
  blob: Blob;
  /** False when the browser could not decode the file and it is sent as it was. */
  compressed: boolean;
  width: number | null;
  height: number | null;
  /** A data: URL of a small JPEG preview, or null. */
  thumb: string | null;
}

export interface CompressOptions {
  maxSide?: number;
  quality?: number;
  thumbSide?: number;
}

type Decoded = { source: CanvasImageSource; width: number; height: number; release: () => void };

async function decode(file: Blob): Promise<Decoded> {
  if (typeof createImageBitmap === 'function') {
    try {
      const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
      return { source: bitmap, width: bitmap.width, height: bitmap.height, release: () => bitmap.close() };
    } catch {
      // fall through to <img>, which some browsers decode where createImageBitmap will not
    }
  }
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    return { source: img, width: img.naturalWidth, height: img.naturalHeight, release: () => URL.revokeObjectURL(url) };
  } catch (err) {
    URL.revokeObjectURL(url);
    throw err;
  }
}

function draw(d: Decoded, maxSide: number): HTMLCanvasElement {
  const scale = Math.min(1, maxSide / Math.max(d.width, d.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(d.width * scale));
  canvas.height = Math.max(1, Math.round(d.height * scale));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('canvas unavailable');
  ctx.fillStyle = '#fff'; // transparent PNG areas become white, not black, in JPEG
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(d.source, 0, 0, canvas.width, canvas.height);
  return canvas;
}

const toBlob = (canvas: HTMLCanvasElement, quality: number) =>
  new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));

export async function compressImage(file: Blob, options: CompressOptions = {}): Promise<CompressedImage> {
  const { maxSide = 1600, quality = 0.82, thumbSide = 240 } = options;
  let decoded: Decoded;
  try {
    decoded = await decode(file);
  } catch {
    return { blob: file, compressed: false, width: null, height: null, thumb: null };
  }
  try {
    const canvas = draw(decoded, maxSide);
    let thumb: string | null = null;
    try {
      thumb = draw(decoded, thumbSide).toDataURL('image/jpeg', 0.7);
    } catch {
      thumb = null;
    }
    const blob = await toBlob(canvas, quality);
    if (!blob) return { blob: file, compressed: false, width: decoded.width, height: decoded.height, thumb };
    // A small JPEG already within bounds is not made bigger by re-encoding.
    const alreadyFine = file.type === 'image/jpeg' && Math.max(decoded.width, decoded.height) <= maxSide && file.size <= blob.size;
    return alreadyFine
      ? { blob: file, compressed: false, width: decoded.width, height: decoded.height, thumb }
      : { blob, compressed: true, width: canvas.width, height: canvas.height, thumb };
  } catch {
    return { blob: file, compressed: false, width: null, height: null, thumb: null };
  } finally {
    decoded.release();
  }
}
