import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ZodError } from 'zod';
import { ERROR_MESSAGES, ERROR_STATUS, type ApiErrorBody, type ErrorCode } from '@minqing/shared';
import type { Logger } from 'pino';
import { ApiError } from '../errors.js';
import type { AppEnv } from './auth.js';

export function errorBody(code: ErrorCode, message?: string, field?: string): ApiErrorBody {
  return { error: { code, message: message ?? ERROR_MESSAGES[code], ...(field ? { field } : {}) } };
}

export function zodToApiError(error: ZodError): ApiError {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join('.') || undefined;
  return new ApiError('invalid_input', issue?.message ?? ERROR_MESSAGES.invalid_input, field);
}

/**
 * A client that went away before its request was complete (a phone losing signal mid-upload)
 * is not our error and has no one to answer: one line, at info level, however many there are.
 */
export function logClientAbort(log: Logger, method: string | undefined, path: string | undefined) {
  log.info({ method, path: path?.split('?')[0] }, '请求未传完，客户端已断开 (client aborted)');
}

/** The one error shape: every thrown error ends here. */
export function onError(err: Error, c: Context<AppEnv>): Response {
  if (err instanceof ApiError) {
    for (const [k, v] of Object.entries(err.headers ?? {})) c.header(k, v);
    return c.json(errorBody(err.code, err.message, err.field), err.status);
  }
  if (err instanceof ZodError) {
    const apiError = zodToApiError(err);
    return c.json(errorBody(apiError.code, apiError.message, apiError.field), 400);
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    const code: ErrorCode =
      status === 413
        ? 'payload_too_large'
        : status === 401
          ? 'unauthorized'
          : status === 404
            ? 'not_found'
            : status === 415
              ? 'unsupported_media_type'
              : status < 500
                ? 'invalid_input'
                : 'internal';
    return c.json(errorBody(code), ERROR_STATUS[code]);
  }
  // every body is read before any handler runs, so a request whose body never arrived failed for that reason
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (incoming?.readableAborted) {
    logClientAbort(c.get('log'), c.req.method, c.req.path);
    return c.json(errorBody('invalid_input', '请求未传完，连接已断开'), 400);
  }
  c.get('log').error({ err, method: c.req.method, path: c.req.path }, 'unexpected error');
  return c.json(errorBody('internal'), 500);
}
