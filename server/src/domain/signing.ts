import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Photos are shown with <img src>, which carries no bearer token, so the API hands out
 * short-lived signed links only to users who may see the photo.
 */
export function uploadSigner(secret: string, now: () => Date) {
  const mac = (id: string, exp: number) => createHmac('sha256', secret).update(`upload:${id}:${exp}`).digest('base64url').slice(0, 32);
  return {
    url(id: string): string {
      // rounded to the hour so the same link (and the browser's cache) serves a while
      const exp = Math.ceil(now().getTime() / 3_600_000) * 3600 + 3600;
      return `/api/uploads/${id}?exp=${exp}&sig=${mac(id, exp)}`;
    },
    verify(id: string, exp: string | undefined, sig: string | undefined): boolean {
      const expNum = Number(exp);
      if (!sig || !Number.isInteger(expNum) || expNum * 1000 < now().getTime()) return false;
      const expected = Buffer.from(mac(id, expNum));
      const actual = Buffer.from(sig);
      return expected.length === actual.length && timingSafeEqual(expected, actual);
    },
  };
}
export type UploadSigner = ReturnType<typeof uploadSigner>;
