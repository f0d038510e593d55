/**
 * A random key for `Idempotency-Key` (8–128 visible characters). crypto.randomUUID exists
 * only in secure contexts; getRandomValues works everywhere the app runs.
 */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `citizen-${Date.now().toString(36)}-${hex}`;
}
