import { ERROR_MESSAGES, ERROR_STATUS, type ErrorCode } from '@minqing/shared';

/**
 * The server's one error type, thrown by every layer (domain rules, middleware, identity
 * providers) and turned into the one answer shape by the app's error handler (http/errors.ts).
 * Its caller gets it as `{error:{code,message,field}}` with the code's HTTP status.
 */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly field?: string,
    readonly headers?: Record<string, string>,
  ) {
    super(message ?? ERROR_MESSAGES[code]);
  }
  get status() {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what = '未找到相关内容') => new ApiError('not_found', what);
