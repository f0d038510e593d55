import { onBeforeUnmount, ref } from 'vue';
import type { Html5Qrcode } from 'html5-qrcode';

/**
 * The camera QR scanner (html5-qrcode, loaded only when first needed) drawing into the
 * element `elementId`, and the same decoder for a chosen picture (从相册选择). The camera is
 * released when the page goes away, also if it was still starting.
 */
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
        await s.start({ facingMode: 'environment' }, { fps: 10, qrbox: { width: 220, height: 220 } }, (text) => onText(text), () => undefined);
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

  /** Decodes a QR code in a picture; throws when there is none. */
  async function scanImage(file: File): Promise<string> {
    if (starting) await starting;
    await stop();
    return (await instance()).scanFile(file, false);
  }

  onBeforeUnmount(() => {
    gone = true;
    void stop();
  });

  return { camera, start, stop, scanImage };
}
