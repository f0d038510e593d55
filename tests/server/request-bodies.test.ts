import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_UPLOAD_BYTES } from '@minqing/shared';
import { newKey, startTestServer, validCase, type TestServer } from '../helpers/server.js';
import { ONE_PIXEL_PNG } from '../helpers/images.js';
import { peakGrowth, streamChunked } from '../helpers/stream-body.js';
import { capturedLogger } from '../helpers/log-capture.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

const MB = 1024 * 1024;
const countCases = () => (s.db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;

describe('a body is counted as it streams and refused the moment it passes the route limit', () => {
  it('should answer 413 to a 50 MB chunked body to /api/health without a token, and not buffer it', async () => {
    const { result, rssMb, arrayBuffersMb } = await peakGrowth(() => streamChunked(s.baseUrl, '/api/health', { total: 50 * MB }));
    expect(result.status).toBe(413);
    expect(JSON.parse(result.body)).toMatchObject({ error: { code: 'payload_too_large' } });
    expect(JSON.parse(result.body).error.message).toMatch(/[\u4e00-\u9fa5]/);
    // answered after about 1 MB (plus what the sockets hold), not after the whole 50 MB
    expect(result.sentWhenAnswered).toBeLessThan(8 * MB);
    // and the connection is closed, so the rest is not read at all
    expect(result.headers.connection).toBe('close');
    expect(result.closedByServer).toBe(true);
    // the test server runs in this process: its buffers are ours
    expect(arrayBuffersMb).toBeLessThan(4);
    expect(rssMb).toBeLessThan(10);
  });

  it('should answer 413 to a chunked JSON body over 1 MB on a route that takes one', async () => {
    const citizen = await s.as('zlb-zhang');
    const before = countCases();
    const answer = await streamChunked(s.baseUrl, '/api/cases', {
      total: 3 * MB,
      headers: { authorization: `Bearer ${citizen.token}`, 'idempotency-key': newKey() },
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error).toMatchObject({ code: 'payload_too_large', message: '提交的内容超过 1 MB' });
    expect(answer.headers['content-security-policy']).toContain("default-src 'none'");
    expect(countCases()).toBe(before);
  });

  it('should answer 413 at once to a declared Content-Length over the limit, before any of the body is sent', async () => {
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(new URL('/api/health', s.baseUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(400 * MB) },
      });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.flushHeaders();
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error.code).toBe('payload_too_large');
  });

  it('should still take a chunked JSON body under the limit', async () => {
    const citizen = await s.as('zlb-zhang');
    const json = Buffer.from(JSON.stringify(validCase({ title: '分块提交' })));
    const answer = await streamChunked(s.baseUrl, '/api/cases', {
      total: json.length,
      chunk: json,
      headers: { authorization: `Bearer ${citizen.token}`, 'idempotency-key': newKey() },
    });
    expect(answer.status).toBe(201);
    expect(JSON.parse(answer.body).title).toBe('分块提交');
  });

  it('should refuse a chunked upload over the photo limit with 413 naming the file, and take one under it', async () => {
    const citizen = await s.as('zlb-zhang');
    const boundary = 'x-limit-test';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const headers = { authorization: `Bearer ${citizen.token}`, 'content-type': `multipart/form-data; boundary=${boundary}` };
    const big = await streamChunked(s.baseUrl, '/api/uploads', { total: MAX_UPLOAD_BYTES + 2 * MB, headers, prefix: head, suffix: tail });
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body).error).toMatchObject({ code: 'payload_too_large', field: 'file' });
    expect(big.sentWhenAnswered).toBeLessThan(MAX_UPLOAD_BYTES + 8 * MB);

    const small = Buffer.concat([head, ONE_PIXEL_PNG, tail]);
    const ok = await streamChunked(s.baseUrl, '/api/uploads', { total: small.length, chunk: small, headers });
    expect(ok.status).toBe(201);
    expect(JSON.parse(ok.body)).toMatchObject({ mime: 'image/png', width: 1, height: 1 });
  });

  it('should refuse a large body sent with a GET', async () => {
    const answer = await streamChunked(s.baseUrl, '/api/health', { total: 20 * MB, method: 'GET' });
    expect(answer.status).toBe(413);
    expect(answer.sentWhenAnswered).toBeLessThan(8 * MB);
  });
});

describe('a client that goes away mid-request', () => {
  /** Sends the headers and part of the body, then drops the connection, as a phone losing signal does. */
  const abortMidBody = (baseUrl: string, path: string, headers: Record<string, string>) =>
    new Promise<void>((resolve) => {
      const req = request(new URL(path, baseUrl), { method: 'POST', headers: { 'content-type': 'application/json', ...headers } });
      req.on('error', () => undefined);
      req.write('{"deputyCode":"D001","body":"路灯坏了');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 50);
    });

  it('should log each abort once, on one line, as a client abort and not as an internal error', async () => {
    const log = capturedLogger();
    const logged = await startTestServer({ ops: { logger: log.logger } });
    try {
      const citizen = await logged.as('zlb-zhang');
      const auth = { authorization: `Bearer ${citizen.token}`, 'idempotency-key': newKey() };
      const aborts = () => log.lines.filter((l) => String(l.msg).includes('client aborted'));
      // with a Content-Length (read by the app) and chunked (counted before it), 3 clients each
      await Promise.all([
        ...[1, 2, 3].map(() => abortMidBody(logged.baseUrl, '/api/cases', { ...auth, 'content-length': '5000' })),
        ...[1, 2, 3].map(() => abortMidBody(logged.baseUrl, '/api/cases', { ...auth, 'transfer-encoding': 'chunked' })),
      ]);
      await vi.waitFor(() => expect(aborts().length).toBeGreaterThanOrEqual(6), { timeout: 5000 });
      await new Promise((r) => setTimeout(r, 200));
      expect(aborts()).toHaveLength(6);
      for (const line of aborts()) expect(line).toMatchObject({ level: 'info', method: 'POST', path: '/api/cases' });
      expect(log.lines.filter((l) => l.level === 'error' || l.level === 'fatal')).toEqual([]);
      expect(log.raw()).not.toContain(citizen.token);
    } finally {
      await logged.close();
    }
    // the server is fine for the next client
    expect((await s.anonymous().http.get('/api/health')).status).toBe(200);
  });
});
