import { request } from 'node:http';
import { writeChunks } from '../../scripts/lib/write-chunks.js';

export interface StreamedAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Body bytes the client had handed to its socket when the answer's headers arrived. */
  sentWhenAnswered: number;
  /** Whether the server closed the connection after answering (it did not wait for the rest). */
  closedByServer: boolean;
}

/**
 * Streams `total` bytes as a body with `Transfer-Encoding: chunked` (no Content-Length), as a
 * real HTTP client does: chunk by chunk, waiting for the socket to drain, and stopping the
 * moment the server answers. One chunk buffer is reused, so the client itself holds next to
 * nothing and a test can measure what the server buffers.
 */
export function streamChunked(
  baseUrl: string,
  path: string,
  options: { total: number; method?: string; headers?: Record<string, string>; chunk?: Buffer; prefix?: Buffer; suffix?: Buffer },
): Promise<StreamedAnswer> {
  const url = new URL(path, baseUrl);
  const chunk = options.chunk ?? Buffer.alloc(64 * 1024, 0x20);
  return new Promise((resolve, reject) => {
    const progress = { sent: 0 };
    let answered = false;
    let sentWhenAnswered = 0;
    const req = request(url, {
      method: options.method ?? 'POST',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked', ...options.headers },
    });
    req.on('response', (res) => {
      answered = true;
      sentWhenAnswered = progress.sent;
      const parts: Buffer[] = [];
      res.on('data', (p: Buffer) => parts.push(p));
      res.on('end', () => {
        const body = Buffer.concat(parts).toString('utf8');
        const socket = res.socket;
        const settle = (closedByServer: boolean) =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, sentWhenAnswered, closedByServer });
        if (!socket || socket.destroyed) return settle(true);
        // the server closing the connection ends the socket; give it a moment
        const timer = setTimeout(() => {
          settle(false);
          req.destroy();
        }, 2000);
        socket.once('close', () => {
          clearTimeout(timer);
          settle(true);
        });
      });
    });
    // writing into a connection the server has closed fails; the answer is what counts
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    void (async () => {
      if (options.prefix) {
        req.write(options.prefix);
        progress.sent += options.prefix.length;
      }
      await writeChunks(req, chunk, options.total, progress, () => answered || req.destroyed);
      if (!answered && !req.destroyed) req.end(options.suffix);
    })();
  });
}

/** Samples this process's memory while `work` runs: the peak growth of RSS and of ArrayBuffers (Buffers). */
export async function peakGrowth<T>(work: () => Promise<T>): Promise<{ result: T; rssMb: number; arrayBuffersMb: number }> {
  const start = process.memoryUsage();
  let rss = start.rss;
  let arrayBuffers = start.arrayBuffers;
  const sample = () => {
    const now = process.memoryUsage();
    rss = Math.max(rss, now.rss);
    arrayBuffers = Math.max(arrayBuffers, now.arrayBuffers);
  };
  const timer = setInterval(sample, 5);
  try {
    const result = await work();
    sample();
    const mb = (n: number) => n / 1024 / 1024;
    return { result, rssMb: mb(rss - start.rss), arrayBuffersMb: mb(arrayBuffers - start.arrayBuffers) };
  } finally {
    clearInterval(timer);
  }
}
