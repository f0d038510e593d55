import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/** Passwords of staff accounts (desktop sign-in): scrypt, salted, compared in constant time. */
const SCRYPT = { N: 16384, r: 8, p: 1 } as const;

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, 32, SCRYPT);
  return `scrypt$${salt.toString('base64')}$${hash.toString('base64')}`;
}

function parseHash(stored: string | null): { salt: Buffer; hash: Buffer } | null {
  const [scheme, salt, hash] = stored?.split('$') ?? [];
  if (scheme !== 'scrypt' || !salt || !hash) return null;
  const parsed = { salt: Buffer.from(salt, 'base64'), hash: Buffer.from(hash, 'base64') };
  return parsed.hash.length >= 16 ? parsed : null;
}

/** The hash of a password no one knows, made once with the same parameters as every other. */
let dummyHash: { salt: Buffer; hash: Buffer } | undefined;

/** Makes the dummy hash now (once per process), so that the first unknown name's sign-in is not the slow one. */
export function dummyPasswordHash() {
  return (dummyHash ??= parseHash(hashPassword(randomBytes(16).toString('base64')))!);
}

/**
 * Whether the password matches the stored hash. An account with no (readable) hash, or none at
 * all, is checked against the dummy hash, so that a sign-in takes as long whether the account
 * exists, is disabled or has a password, and the time tells nothing.
 */
export function verifyPassword(password: string, stored: string | null): boolean {
  const own = parseHash(stored);
  const against = own ?? dummyPasswordHash();
  const actual = scryptSync(password, against.salt, against.hash.length, SCRYPT);
  return timingSafeEqual(against.hash, actual) && own !== null;
}
