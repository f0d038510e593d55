import { AxiosError } from 'axios';
import { ERROR_MESSAGES, isApiErrorBody, type ErrorCode } from '@minqing/shared';

/** What a person is told about a failed request: always Chinese, never a raw error. */
export class ApiFailure extends Error {
  constructor(
    message: string,
    /** HTTP status, or null when no response arrived (offline, timeout, refused). */
    readonly status: number | null,
    readonly code: string,
    readonly field?: string,
    /** Seconds to wait before retrying (429). */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }

  /** The request may have failed before reaching the server or on its side: worth retrying. */
  get retriable(): boolean {
    return this.status === null || this.status >= 500;
  }
}

const HAS_CHINESE = /[\u4e00-\u9fff]/;
/** An English word in a message (an action code like “rate”, a header name) means it was not written for people. */
const HAS_CODE_WORD = /[a-z_]{3,}/;

const BY_STATUS: Record<number, string> = {
  400: ERROR_MESSAGES.invalid_input,
  401: ERROR_MESSAGES.token_expired,
  403: ERROR_MESSAGES.forbidden,
  404: '未找到相关内容，可能已被删除或您无权查看',
  409: '情况已有变化，请查看最新进度后再操作',
  413: '照片太大，超过了允许的大小，请换一张照片或压缩后再传',
  415: ERROR_MESSAGES.unsupported_media_type,
  422: ERROR_MESSAGES.idempotency_key_reused,
  429: ERROR_MESSAGES.rate_limited,
};

function retryAfterSeconds(err: AxiosError): number | undefined {
  const raw = err.response?.headers?.['retry-after'] as string | undefined;
  const n = raw === undefined ? NaN : Number(raw);
  return Number.isFinite(n) && n > 0 ? Math.ceil(n) : undefined;
}

/** Turns anything a request can throw into an ApiFailure with a message for people. */
export function toApiFailure(err: unknown): ApiFailure {
  if (err instanceof ApiFailure) return err;
  if (!(err instanceof AxiosError)) return new ApiFailure(ERROR_MESSAGES.internal, null, 'unknown');
  const res = err.response;
  if (!res) {
    if (typeof navigator !== 'undefined' && navigator.onLine === false) {
      return new ApiFailure('网络已断开，请连接网络后重试', null, 'offline');
    }
    if (err.code === AxiosError.ECONNABORTED || err.code === AxiosError.ETIMEDOUT) {
      return new ApiFailure('网络较慢，请求超时，请稍后重试', null, 'timeout');
    }
    return new ApiFailure('网络连接失败，请检查网络后重试', null, 'network');
  }
  const status = res.status;
  const retryAfter = retryAfterSeconds(err);
  const body = res.data as unknown;
  let code: string = 'http_' + status;
  let message = BY_STATUS[status] ?? (status >= 500 ? ERROR_MESSAGES.internal : ERROR_MESSAGES.invalid_input);
  let field: string | undefined;
  if (isApiErrorBody(body)) {
    code = body.error.code;
    field = body.error.field;
    // The API speaks Chinese for people; anything else (a proxy page, a library default) is replaced.
    if (HAS_CHINESE.test(body.error.message) && !HAS_CODE_WORD.test(body.error.message)) message = body.error.message;
    else if (status !== 409) message = ERROR_MESSAGES[body.error.code as ErrorCode] ?? message;
  }
  if (status === 429 && retryAfter && !isApiErrorBody(body)) message = `操作太频繁，请 ${retryAfter} 秒后再试`;
  if (status === 502 || status === 503 || status === 504) {
    message = code === 'idp_unavailable' ? message : '服务暂时不可用，请稍后再试';
  }
  return new ApiFailure(message, status, code, field, retryAfter);
}
