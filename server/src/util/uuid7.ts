import { randomFillSync } from 'node:crypto';

// random bytes drawn 4 KB at a time (as node's randomUUID does): one system call per 256 ids, not one per id
const pool = new Uint8Array(4096);
let poolAt = pool.length;
const bytes = new Uint8Array(16);
let lastMs = 0;
let counter = 0;

/**
 * A UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. New ids sort
 * after older ones, so an index on them (cases.id, case_events(case_id, seq), …) takes each
 * new row on its rightmost page instead of a random one: a batch of submissions dirties a
 * few pages of each index, not one per row, and the write-ahead log and its fsync shrink.
 * Within one millisecond a 12-bit counter keeps the order (RFC 9562 §6.2, method 1).
 */
export function uuid7(now = Date.now()): string {
  if (poolAt === pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  bytes.set(pool.subarray(poolAt, (poolAt += 16)));
  if (now <= lastMs) {
    counter++;
    if (counter > 0xfff) {
      lastMs++;
      counter = 0;
    }
  } else {
    lastMs = now;
    counter = bytes[6]! & 0x07; // a random start leaves room to count up
  }
  const ms = lastMs;
  bytes[0] = Math.floor(ms / 2 ** 40) & 0xff;
  bytes[1] = Math.floor(ms / 2 ** 32) & 0xff;
  bytes[2] = (ms >>> 24) & 0xff;
  bytes[3] = (ms >>> 16) & 0xff;
  bytes[4] = (ms >>> 8) & 0xff;
  bytes[5] = ms & 0xff;
  bytes[6] = 0x70 | ((counter >>> 8) & 0x0f);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
