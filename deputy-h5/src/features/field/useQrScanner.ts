import { onBeforeUnmount, ref } from 'vue';
import type { Html5Qrcode } from 'html5-qrcode';

/**
 * The camera QR scanner (html5-qrcode, loaded only when first needed) drawing into the
 * element `elementId`, and the same decoder for a chosen picture (从相册选择). The camera is
 * released when the page goes away, also if it was still starting.
 */
/** Longest sides a missed picture is redrawn at, most often successful first. */
const RETRY_SIDES = [640, 320, 960];

/** The picture redrawn on white with its longest side `side` px, as a PNG file. */
async function redrawAt(file: File, side: number): Promise<File> {
  const bitmap = await createImageBitmap(file);
  const scale = side / Math.max(bitmap.width, bitmap.height);
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d context');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('canvas.toBlob failed');
  return new File([blob], 'redrawn.png', { type: 'image/png' });
}

export function useQrScanner(elementId: string, onText: (text: string) => void) {
  const camera = ref<'starting' | 'on' | 'off'>('off');
  let scanner: Html5Qrcode | null = null;
  let gone = false;
  /** The camera's start while it is under way: a picture chosen meanwhile waits for it (html5-qrcode refuses a file scan during a camera start). */
  let starting: Promise<boolean> | null = null;

  async function instance() {
    if (scanner) return scanner;
    const { Html5Qrcode } = await import('html5-qrcode');
    scanner = new Html5Qrcode(elementId, { verbose: false });
    return scanner;
  }

  /** Starts the back camera; false when it cannot (no camera, permission refused, desktop). */
  function start(): Promise<boolean> {
    starting ??= (async () => {
      camera.value = 'starting';
      try {
        const s = await instance();
        await s.start(
          { facingMode: 'environment' },
          { fps: 10, qrbox: { width: 220, height: 220 } },
          (text) => onText(text),
          () => undefined,
        );
        camera.value = 'on';
        if (gone) await stop();
        return true;
      } catch {
        camera.value = 'off';
        return false;
      } finally {
        starting = null;
      }
    })();
    return starting;
  }

  async function stop() {
    if (scanner && camera.value === 'on') await scanner.stop().catch(() => undefined);
    camera.value = 'off';
  }

  /**
   * Decodes a QR code in a picture; throws when there is none. html5-qrcode's decoder (ZXing)
   * misses some clean QR pictures: about one in twenty at their own size, and still about one in
   * forty after redrawing at other sizes (measured in Chromium on generated 400 px codes). jsQR,
   * a second decoder with its own binarizer, is asked next (loaded only then), and the redrawn
   * sizes last, before the person is told there is no code.
   */
  async function scanImage(file: File): Promise<string> {
    if (starting) await starting;
    await stop();
    const s = await instance();
    try {
      return await s.scanFile(file, false);
    } catch (miss) {
      const { decodeWithJsQr } = await import('./jsqrDecode');
      const text = await decodeWithJsQr(file).catch(() => null);
      if (text) return text;
      for (const side of RETRY_SIDES) {
        const resized = await redrawAt(file, side).catch(() => null);
        if (!resized) break;
        try {
          return await s.scanFile(resized, false);
        } catch {
          // try the next size
        }
      }
      throw miss;
    }
  }

  onBeforeUnmount(() => {
    gone = true;
    void stop();
  });

  return { camera, start, stop, scanImage };
}
