import type { HonoRequest, MiddlewareHandler } from 'hono';
import { JSON_BODY_LIMIT } from './body-limit.js';
import { ApiError } from './errors.js';

const MAX_DEPTH = 20;

/**
 * JSON bodies are read here, strictly: at most 1 MB (413; limitBodies has already refused a
 * longer one before it was read, this is for app.request()), declared as JSON (415), valid
 * UTF-8 (400, not silently replaced), not absurdly nested (400). The parsed value is put
 * where Hono's validators read it.
 */
export const strictJson: MiddlewareHandler = async (c, next) => {
  const method = c.req.method;
  if (method !== 'POST' && method !== 'PUT' && method !== 'PATCH') return next();
  const type = c.req.header('content-type') ?? '';
  if (type.startsWith('multipart/form-data')) return next();
  const declared = Number(c.req.header('content-length') ?? '0');
  if (declared > JSON_BODY_LIMIT.bytes) throw new ApiError('payload_too_large', JSON_BODY_LIMIT.message);
  // through Hono's body cache, not a clone of the stream: the route reads the text cached below
  const raw = new Uint8Array(await c.req.arrayBuffer());
  if (raw.byteLength > JSON_BODY_LIMIT.bytes) throw new ApiError('payload_too_large', JSON_BODY_LIMIT.message);
  if (raw.byteLength === 0) {
    cacheText(c.req, '{}');
    return next();
  }
  if (!/^application\/([\w.+-]*\+)?json\b/i.test(type)) {
    throw new ApiError('unsupported_media_type', '请以 JSON 格式提交（Content-Type: application/json）');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw new ApiError('invalid_input', '提交的内容不是有效的 UTF-8 文字');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError('invalid_input', '提交的内容不是有效的 JSON');
  }
  if (depth(value) > MAX_DEPTH) throw new ApiError('invalid_input', '提交的内容层级过深');
  cacheText(c.req, text);
  return next();
};

/** Hono's c.req.json() (and so its validators) reads the decoded text from this cache. */
function cacheText(req: HonoRequest, text: string) {
  (req as unknown as { bodyCache: Record<string, Promise<string>> }).bodyCache.text = Promise.resolve(text);
}

function depth(value: unknown, level = 0): number {
  if (level > MAX_DEPTH) return level;
  if (typeof value !== 'object' || value === null) return level;
  let max = level + 1;
  for (const child of Object.values(value)) max = Math.max(max, depth(child, level + 1));
  return max;
}
