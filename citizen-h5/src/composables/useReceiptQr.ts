import { ref, watchEffect, type Ref } from 'vue';

/**
 * A QR code image (data: URL) for `text`. The QR encoder is loaded only here, on the
 * receipt page, so it costs the landing page nothing.
 */
export function useReceiptQr(text: Ref<string | null>) {
  const dataUrl = ref<string | null>(null);
  const failed = ref(false);

  watchEffect(async () => {
    const value = text.value;
    if (!value) return;
    try {
      const QRCode = await import('qrcode');
      const toDataURL = QRCode.toDataURL ?? (QRCode as unknown as { default: typeof QRCode }).default.toDataURL;
      dataUrl.value = await toDataURL(value, {
        errorCorrectionLevel: 'M',
        margin: 1,
        width: 360,
        color: { dark: '#1f2329', light: '#ffffff' },
      });
    } catch {
      failed.value = true;
    }
  });

  return { dataUrl, failed };
}
