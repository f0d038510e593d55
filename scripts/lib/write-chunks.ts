import type { ClientRequest } from 'node:http';

/**
 * Writes `chunk` into a request body again and again until `progress.sent` reaches `total` or
 * `stop()` says so, waiting for the socket to drain as a real HTTP client does. One buffer is
 * reused, so the client holds next to nothing; `progress.sent` is read live by the caller (how
 * much was out when the server answered).
 */
export async function writeChunks(
  req: ClientRequest,
  chunk: Buffer,
  total: number,
  progress: { sent: number },
  stop: () => boolean,
): Promise<void> {
  while (!stop() && progress.sent < total) {
    const ok = req.write(chunk);
    progress.sent += chunk.length;
    if (!ok) {
      await new Promise<void>((r) => {
        const done = () => (req.off('drain', done), req.off('close', done), r());
        req.on('drain', done).on('close', done);
      });
    }
  }
}
