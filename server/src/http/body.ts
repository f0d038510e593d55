import type { HonoRequest, MiddlewareHandler } from 'hono';
import { JSON_BODY_LIMIT } from './body-limit.js';
import { ApiError } from '../errors.js';

const MAX_DEPTH = 20;

/**
 * JSON bodies are read here, strictly: at most 1 MB (413; limitBodies has already refused a
 * longer one before it was read, this is for app.request()), declared as JSON (415), valid
 * UTF-8 (400, not silently replaced), valid Unicode (400 naming the field: an escaped half of
 * a surrogate pair, `"\ud800"`, would be stored as U+FFFD), not absurdly nested (400). The
 * parsed value is put where Hono's validators read it.
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
  // only an escape can make one (the UTF-8 decoder above refuses encoded surrogates): look closer only then
  if (SURROGATE_ESCAPE.test(text)) {
    const path = loneSurrogateAt(value, []);
    if (path)
      throw new ApiError('invalid_input', '含有无法识别的乱码字符（不完整的 Unicode 编码），请删除后重新输入', path.join('.') || undefined);
  }
  cacheText(c.req, text);
  return next();
};

/** Hono's c.req.json() (and so its validators) reads the decoded text from this cache. */
function cacheText(req: HonoRequest, text: string) {
  (req as unknown as { bodyCache: Record<string, Promise<string>> }).bodyCache.text = Promise.resolve(text);
}

const SURROGATE_ESCAPE = /\\u[dD][89abcdefABCDEF]/;
// with the u flag a well-formed pair is one code point, so only a lone half matches
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** The path of the first string or key holding a lone surrogate; for a key, the path of its object. */
function loneSurrogateAt(value: unknown, path: (string | number)[]): (string | number)[] | null {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? path : null;
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, child] of Object.entries(value)) {
    if (LONE_SURROGATE.test(key)) return path;
    const found = loneSurrogateAt(child, [...path, Array.isArray(value) ? Number(key) : key]);
    if (found) return found;
  }
  return null;
}

function depth(value: unknown, level = 0): number {
  if (level > MAX_DEPTH) return level;
  if (typeof value !== 'object' || value === null) return level;
  let max = level + 1;
  for (const child of Object.values(value)) max = Math.max(max, depth(child, level + 1));
  return max;
}
