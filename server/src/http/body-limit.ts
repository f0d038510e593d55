import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { MAX_UPLOAD_BYTES } from '@minqing/shared';
import { errorBody, logClientAbort } from './errors.js';
import { JSON_HEADERS } from './json-answer.js';

export interface BodyLimit {
  bytes: number;
  message: string;
  field?: string;
}

/** Every route's body but an upload's, including routes that take none: JSON is never longer. */
export const JSON_BODY_LIMIT: BodyLimit = { bytes: 1024 * 1024, message: '提交的内容超过 1 MB' };

/** A photo and the multipart envelope around it (POST /api/uploads). */
export const UPLOAD_BODY_LIMIT: BodyLimit = {
  bytes: MAX_UPLOAD_BYTES + 64 * 1024,
  message: `照片不能超过 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB，请压缩后再传`,
  field: 'file',
};

const UPLOAD_PATH = /^\/api\/uploads\/?(?:\?|$)/;

export function bodyLimitOf(method: string | undefined, url: string | undefined): BodyLimit {
  return method === 'POST' && UPLOAD_PATH.test(url ?? '') ? UPLOAD_BODY_LIMIT : JSON_BODY_LIMIT;
}

/**
 * The first thing every request meets, before the web Request and the app are built for it:
 * no body longer than its route's limit is ever held in memory. A declared Content-Length over
 * the limit is answered 413 at once (Node never delivers more than the declared length). A body
 * without one (Transfer-Encoding: chunked) is counted as it streams and kept only while under the
 * limit: the moment it passes, 413; otherwise the app gets it whole as `rawBody`, which the Node
 * adapter reads instead of the stream. A 413 closes the connection, so the rest is not read.
 */
export function limitBodies(next: RequestListener, log: Logger): RequestListener {
  return (req, res) => {
    const chunked = req.headers['transfer-encoding'] !== undefined;
    const declared = Number(req.headers['content-length']); // NaN without one
    // no body, or one within the smallest limit: the common case costs two header reads
    if (!chunked && !(declared > JSON_BODY_LIMIT.bytes)) return next(req, res);
    const limit = bodyLimitOf(req.method, req.url);
    if (!chunked) {
      if (declared > limit.bytes) refuse(req, res, limit);
      else next(req, res);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off('data', onData).off('end', onEnd).off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit.bytes) {
        chunks.push(chunk);
        return;
      }
      stop();
      chunks.length = 0;
      refuse(req, res, limit);
    };
    const onEnd = () => {
      stop();
      (req as IncomingMessage & { rawBody?: Buffer }).rawBody = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size);
      next(req, res);
    };
    // the client went away before the body was complete: no one to answer
    const onClose = () => {
      stop();
      chunks.length = 0;
      logClientAbort(log, req.method, req.url);
    };
    req.on('data', onData).on('end', onEnd).on('close', onClose);
  };
}

/** How long the rest of a refused body is read and dropped after the 413, before the socket is destroyed. */
const LINGER_MS = 2000;

/**
 * 413 in the API's one error shape; the connection closes once it is sent, and what still arrives till then is dropped.
 * The close lingers, as nginx's does: Node would destroy the socket right after the answer, and a socket
 * destroyed with unread bytes sends a reset, which makes the client's kernel throw away the 413 before the
 * client reads it. So the server sends FIN and keeps reading (and dropping) for LINGER_MS first.
 */
function refuse(req: IncomingMessage, res: ServerResponse, limit: BodyLimit) {
  const body = JSON.stringify(errorBody('payload_too_large', limit.message, limit.field));
  const socket = req.socket;
  socket.destroySoon = () => {
    socket.end();
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  };
  res.writeHead(413, { ...JSON_HEADERS, 'content-length': String(Buffer.byteLength(body)), connection: 'close' });
  res.end(body);
  req.resume();
}
