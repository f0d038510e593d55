import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import type { Context } from 'hono';
import { Hono } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json', '.txt']);

interface CachedFile {
  raw: Buffer;
  gzip?: Buffer;
  br?: Buffer;
  type: string;
  mtimeMs: number;
}

/**
 * What a demo server puts first in each app's page: a plain element (no script, so the CSP stays
 * strict), there before the app's code runs, styled by h5-common/src/demo-ribbon.css.
 */
export const DEMO_RIBBON = '<div class="demo-ribbon" role="note" title="演示环境：账号和数据均为演示用，请勿填写真实信息">演示环境</div>';

/**
 * Serves the built apps from dist/: hashed assets for a year (immutable), the two app
 * shells never cached, each compressed (brotli or gzip; assets by the build) and kept in memory.
 */
export function staticApps(distDir: string, options: { dingCorpId?: string; demoMode?: boolean } = {}) {
  const cache = new Map<string, CachedFile>();

  /**
   * An app shell as configured, not as built: the staff app names the workplace organisation it
   * signs in to (requestAuthCode's corpId), and in demo mode both pages say they are a demo.
   */
  function configure(file: string, raw: Buffer): Buffer {
    const isShell = file.endsWith('index.html');
    if (!isShell || (!options.dingCorpId && !options.demoMode)) return raw;
    let html = raw.toString('utf8');
    if (options.dingCorpId && file.endsWith(join('deputy-h5', 'index.html'))) {
      const corpId = options.dingCorpId.replace(/[&"<>]/g, (ch) => `&#${ch.charCodeAt(0)};`);
      html = html.replace(/<meta name="ding-corp-id" content="[^"]*"\s*\/?>/, `<meta name="ding-corp-id" content="${corpId}" />`);
    }
    if (options.demoMode) html = html.replace(/<body>/, `<body>\n    ${DEMO_RIBBON}`);
    return Buffer.from(html);
  }

  function load(file: string): CachedFile | null {
    if (!existsSync(file) || !statSync(file).isFile()) return null;
    const mtimeMs = statSync(file).mtimeMs;
    const hit = cache.get(file);
    if (hit && hit.mtimeMs === mtimeMs) return hit;
    const built = readFileSync(file);
    const raw = configure(file, built);
    const ext = extname(file);
    const entry: CachedFile = { raw, type: TYPES[ext] ?? 'application/octet-stream', mtimeMs };
    if (COMPRESSIBLE.has(ext) && raw.length > 512) {
      // the build wrote `.br` and `.gz` beside each text asset (vite.config.ts): sent as they are,
      // unless older than the file or the file was edited here (the app shells); else made once
      const sibling = (suffix: string) => {
        const path = file + suffix;
        return raw === built && existsSync(path) && statSync(path).mtimeMs >= mtimeMs ? readFileSync(path) : undefined;
      };
      entry.br = sibling('.br') ?? brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
      entry.gzip = sibling('.gz') ?? gzipSync(raw, { level: 9 });
    }
    cache.set(file, entry);
    return entry;
  }

  function send(c: Context, file: CachedFile, cacheControl: string) {
    const accept = c.req.header('accept-encoding') ?? '';
    const headers: Record<string, string> = { 'Content-Type': file.type, 'Cache-Control': cacheControl, Vary: 'Accept-Encoding' };
    if (file.br && /\bbr\b/.test(accept)) {
      return c.body(new Uint8Array(file.br), 200, { ...headers, 'Content-Encoding': 'br' });
    }
    if (file.gzip && /\bgzip\b/.test(accept)) {
      return c.body(new Uint8Array(file.gzip), 200, { ...headers, 'Content-Encoding': 'gzip' });
    }
    return c.body(new Uint8Array(file.raw), 200, headers);
  }

  const inside = (p: string) => {
    const full = normalize(join(distDir, p));
    return full.startsWith(normalize(distDir) + sep) ? full : null;
  };

  const shell = (page: 'citizen-h5' | 'deputy-h5') => (c: Context) => {
    const file = load(join(distDir, page, 'index.html'));
    if (!file) return c.text('应用尚未构建：请运行 npm run build', 503);
    return send(c, file, 'no-cache');
  };

  return new Hono()
    .get('/assets/*', (c) => {
      const full = inside(c.req.path);
      const file = full ? load(full) : null;
      if (!file) return c.text('Not Found', 404);
      return send(c, file, 'public, max-age=31536000, immutable');
    })
    .get('/favicon.ico', (c) => c.body(null, 204))
    .get('/', (c) => c.redirect('/citizen/', 302))
    .get('/citizen', (c) => c.redirect('/citizen/', 301))
    .get('/deputy', (c) => c.redirect('/deputy/', 301))
    .get('/citizen/*', shell('citizen-h5'))
    .get('/deputy/*', shell('deputy-h5'));
}
