import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_RIBBON, staticApps } from '../../server/src/http/static.js';

/** A dist/ as the build leaves it: a shell, assets, and `.br`/`.gz` beside the text ones. */
let dist = '';
const script = `console.log(${JSON.stringify('民情通'.repeat(400))});\n`;
// a sibling made from other text than its asset, so an answer shows which bytes were sent
const sibling = `console.log("precompressed");${' '.repeat(600)}\n`;

beforeAll(() => {
  dist = mkdtempSync(join(tmpdir(), 'minqing-static-'));
  mkdirSync(join(dist, 'assets'));
  mkdirSync(join(dist, 'citizen-h5'));
  writeFileSync(join(dist, 'citizen-h5', 'index.html'), `<!doctype html><html><body>\n${'<p>群众端</p>'.repeat(100)}</body></html>`);
  writeFileSync(join(dist, 'assets', 'app-1.js'), script);
  writeFileSync(join(dist, 'assets', 'app-1.js.br'), brotliCompressSync(sibling));
  writeFileSync(join(dist, 'assets', 'app-1.js.gz'), gzipSync(sibling));
  writeFileSync(join(dist, 'assets', 'plain-1.js'), script);
  writeFileSync(join(dist, 'assets', 'stale-1.js'), script);
  writeFileSync(join(dist, 'assets', 'stale-1.js.br'), brotliCompressSync(sibling));
  // a sibling older than its asset (the asset was rebuilt, the sibling not): not to be trusted
  const past = new Date(Date.now() - 60_000);
  utimesSync(join(dist, 'assets', 'stale-1.js.br'), past, past);
});
afterAll(() => rmSync(dist, { recursive: true, force: true }));

async function get(path: string, acceptEncoding: string, options: { demoMode?: boolean } = {}) {
  const res = await staticApps(dist, options).request(path, { headers: { 'accept-encoding': acceptEncoding } });
  const bytes = Buffer.from(await res.arrayBuffer());
  const encoding = res.headers.get('content-encoding');
  const text = (encoding === 'br' ? brotliDecompressSync(bytes) : encoding === 'gzip' ? gunzipSync(bytes) : bytes).toString('utf8');
  return { status: res.status, encoding, headers: res.headers, text };
}

describe('the built apps as files', () => {
  it('should send the build’s brotli or gzip file beside an asset to a browser that accepts it, cached for a year', async () => {
    const br = await get('/assets/app-1.js', 'gzip, deflate, br, zstd');
    expect(br).toMatchObject({ status: 200, encoding: 'br', text: sibling });
    expect(br.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(br.headers.get('vary')).toBe('Accept-Encoding');
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await get('/assets/app-1.js', 'gzip, deflate')).toMatchObject({ encoding: 'gzip', text: sibling });
    const plain = await get('/assets/app-1.js', 'identity');
    expect(plain).toMatchObject({ status: 200, encoding: null, text: script });
    expect(plain.headers.get('vary')).toBe('Accept-Encoding');
  });

  it('should compress an asset itself when the build left no file beside it, or an older one', async () => {
    for (const path of ['/assets/plain-1.js', '/assets/stale-1.js']) {
      expect(await get(path, 'br'), path).toMatchObject({ status: 200, encoding: 'br', text: script });
      expect(await get(path, 'gzip'), path).toMatchObject({ encoding: 'gzip', text: script });
    }
  });

  it('should compress the app shell as the server serves it (with the demo ribbon), never cached', async () => {
    const page = await get('/citizen/d/abc', 'br', { demoMode: true });
    expect(page).toMatchObject({ status: 200, encoding: 'br' });
    expect(page.text).toContain(DEMO_RIBBON);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect((await get('/assets/missing-1.js', 'br')).status).toBe(404);
  });
});
