/** Error codes of the API. Every error response is `{error:{code,message,field?}}`. */
export const ERROR_STATUS = {
  invalid_input: 400,
  unknown_action: 400,
  unauthorized: 401,
  token_expired: 401,
  forbidden: 403,
  not_found: 404,
  illegal_transition: 409,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_key_reused: 422,
  rate_limited: 429,
  idp_unavailable: 502,
  internal: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; field?: string };
}

/** Default Chinese messages, for people; a route may say something more precise. */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  invalid_input: '提交的内容有误，请检查后再试',
  unknown_action: '不支持的操作',
  unauthorized: '请先登录',
  token_expired: '登录已过期，请重新登录',
  forbidden: '您没有权限进行此操作',
  not_found: '未找到相关内容',
  illegal_transition: '当前状态下不能进行此操作',
  conflict: '操作冲突，请刷新后重试',
  payload_too_large: '内容过大，请压缩后再试',
  unsupported_media_type: '文件格式不支持，请上传图片',
  idempotency_key_reused: '这次提交的编号已用于内容不同的一件民情件，本次未受理；请先查看已提交的民情件，确认后再次提交',
  rate_limited: '操作太频繁，请稍后再试',
  idp_unavailable: '统一身份认证服务暂时不可用，请稍后再试',
  internal: '系统繁忙，请稍后再试',
};

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
}
