import type { Server } from 'node:http';
import type { Logger } from 'pino';
import type { Db } from '../db/open.js';
import type { RuntimeStatus } from './status.js';

export interface ShutdownParts {
  server: Server;
  status: RuntimeStatus;
  workers: { stop(): Promise<void> };
  db: Db;
  log: Logger;
  graceMs: number;
  exit: (code: number) => void;
}

/**
 * What SIGTERM and SIGINT do: readiness fails at once and the listening socket closes (no new
 * connections); requests in flight finish, each answered only once its write is committed, and
 * kept-alive connections are closed as they fall idle; the workers stop between runs; then the
 * WAL is checkpointed into the database file, the file closed and the process exits 0. If that
 * takes longer than the grace period, or a second signal comes, it exits 1 at once (every
 * acknowledged write is already durable: only unanswered requests are lost, and their clients
 * see the connection close).
 */
export function gracefulShutdown(parts: ShutdownParts): (signal: string) => void {
  const { server, status, workers, db, log, graceMs, exit } = parts;
  let stopping = false;
  return (signal) => {
    if (stopping) {
      log.warn({ signal }, '再次收到停止信号，立即退出 (second signal: exiting now)');
      exit(1);
      return;
    }
    stopping = true;
    status.draining = true;
    const started = performance.now();
    log.info({ signal, graceMs }, '正在停止：不再接收新连接，等待处理中的请求完成 (draining)');
    const deadline = setTimeout(() => {
      log.error({ graceMs }, '停止超时，强制退出 (grace period over: exiting)');
      server.closeAllConnections();
      exit(1);
    }, graceMs);
    // a connection kept alive after its answer would hold the close until its idle timeout
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    server.close(() => {
      clearInterval(sweep);
      void workers
        .stop()
        .then(() => {
          db.pragma('wal_checkpoint(TRUNCATE)');
          db.close();
          clearTimeout(deadline);
          log.info({ ms: Math.round(performance.now() - started) }, '已停止 (stopped cleanly)');
          exit(0);
        })
        .catch((err) => {
          log.error({ err }, '停止时出错 (error while stopping)');
          exit(1);
        });
    });
    server.closeIdleConnections();
  };
}
