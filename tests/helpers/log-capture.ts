import { Writable } from 'node:stream';
import { createLogger } from '../../server/src/ops/logger.js';

/** The server's logger writing into memory: each line parsed, and the raw text (to prove what is not in it). */
export function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  let raw = '';
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      raw += chunk.toString();
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger({ level: 'debug', destination }), lines, raw: () => raw };
}
