import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { pickEncoding } from '../../server/src/http/compression.js';
import { newKey, startTestServer, validCase, type TestServer } from '../helpers/server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

type Client = Awaited<ReturnType<TestServer['as']>>;
/** The answer's bytes as they came over the wire, and what they decode to. */
async function raw(client: Client, url: string, headers: Record<string, string>) {
  const res = await client.http.get<ArrayBuffer>(url, { headers, decompress: false, responseType: 'arraybuffer' });
  const bytes = Buffer.from(res.data);
  const encoding = res.headers['content-encoding'] as string | undefined;
  const text = encoding === 'br' ? brotliDecompressSync(bytes) : encoding === 'gzip' ? gunzipSync(bytes) : bytes;
  return {
    status: res.status,
    encoding,
    vary: res.headers.vary as string,
    etag: res.headers.etag as string | undefined,
    bytes: bytes.length,
    json: JSON.parse(text.toString('utf8')) as unknown,
  };
}

describe('compressed answers', () => {
  it('should send a long list compressed to a phone that accepts it, under the same ETag, and as it is to one that does not', async () => {
    server = await startTestServer();
    const citizen = await server.as('zlb-zhang');
    for (let i = 1; i <= 12; i++) await citizen.cases.create(validCase({ title: `东湖社区第${i}处路灯不亮` }), newKey());
    const list = '/api/cases?page=1&pageSize=20';

    const plain = await raw(citizen, list, { 'accept-encoding': 'identity' });
    expect(plain.encoding).toBeUndefined();
    expect((plain.json as { total: number }).total).toBe(12);
    const br = await raw(citizen, list, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(br).toMatchObject({ encoding: 'br', vary: 'accept-encoding', json: plain.json });
    expect(br.bytes).toBeLessThan(plain.bytes / 2);
    // the same answer in other bytes: one weak tag for all of them
    expect(br.etag).toBe(plain.etag);
    expect(await raw(citizen, list, { 'accept-encoding': 'gzip, deflate' })).toMatchObject({
      encoding: 'gzip',
      etag: plain.etag,
      json: plain.json,
    });
  });

  it('should send a short answer as it is, compression accepted or not', async () => {
    server = await startTestServer();
    const citizen = await server.as('zlb-zhang');
    const { id } = await citizen.cases.create(validCase(), newKey());
    const detail = await raw(citizen, `/api/cases/${id}`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(detail.encoding).toBeUndefined();
    expect(detail.json).toMatchObject({ id, title: '路灯坏了' });
  });

  it('should honour the encodings a client refuses', () => {
    expect(pickEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(pickEncoding('br;q=0, gzip')).toBe('gzip');
    expect(pickEncoding('GZIP;q=0.5')).toBe('gzip');
    expect(pickEncoding('gzip;q=0.000, br; q=0')).toBeNull();
    expect(pickEncoding('identity')).toBeNull();
    expect(pickEncoding(undefined)).toBeNull();
  });
});
