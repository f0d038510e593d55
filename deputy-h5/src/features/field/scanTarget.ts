/** What a scanned QR code means in the staff app. */
export type ScanTarget =
  | { kind: 'case'; id: string }
  | { kind: 'checkin'; stationId: string; key: string }
  | { kind: 'deputy'; code: string }
  | { kind: 'unknown'; text: string };

const TRACKING = /^[A-Za-z0-9_-]{6,64}$/;

/**
 * Receipt QR → `${origin}/deputy/cases/<trackingNo>`; station QR → `${origin}/deputy/checkin/<id>?k=<key>`;
 * a deputy's own QR → `/citizen/d/<code>`; a bare tracking number is taken as a case.
 */
export function parseScan(text: string): ScanTarget {
  const raw = text.trim();
  let url: URL | null;
  try {
    url = new URL(raw, window.location.origin);
  } catch {
    url = null;
  }
  if (url && /^https?:/.test(url.protocol) && raw.includes('/')) {
    const path = url.pathname.replace(/\/+$/, '');
    let m = /\/deputy\/cases\/([^/]+)$/.exec(path);
    if (m) return { kind: 'case', id: decodeURIComponent(m[1]!) };
    m = /\/deputy\/checkin\/([^/]+)$/.exec(path);
    if (m && url.searchParams.get('k')) return { kind: 'checkin', stationId: decodeURIComponent(m[1]!), key: url.searchParams.get('k')! };
    m = /\/citizen\/d\/([^/]+)$/.exec(path);
    if (m) return { kind: 'deputy', code: decodeURIComponent(m[1]!) };
    return { kind: 'unknown', text: raw };
  }
  if (TRACKING.test(raw)) return { kind: 'case', id: raw };
  return { kind: 'unknown', text: raw };
}
