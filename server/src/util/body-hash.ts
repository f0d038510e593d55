import { createHash } from 'node:crypto';

/** JSON with every object's keys sorted (arrays keep their order), so equal content gives equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * SHA-256 (hex) of an input as validated (trimmed, defaults filled in) in canonical JSON: what an
 * Idempotency-Key's body is compared by, so whitespace and key order do not make it "different".
 */
export const bodyHash = (input: unknown): string => createHash('sha256').update(canonicalJson(input)).digest('hex');
