import { createHash, randomBytes } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './auth.js';
import { notModified } from './json-answer.js';

const MINUTE_MS = 60_000;

/**
 * Revalidation for a private JSON GET (a list, a case, the cockpit's figures, the notices):
 * the answer's ETag is known before the handler runs, so a client that already holds it
 * (If-None-Match, which browsers send by themselves for an answer marked `private, no-cache`)
 * is answered 304 with no body and nothing computed. Put it on a route only when its answer,
 * for a signed-in user, is a function of what goes into the tag and nothing else:
 *
 * - the data version (deps.dataVersion()): it changes with every row written, by this process
 *   or by another one, so any write — the viewer's or not — retires every tag;
 * - the current minute (the app's clock): answers also change with time alone — a deadline
 *   passes and the case is overdue, `to` defaults to today, photo links are re-signed each
 *   hour. Deadlines fall at any instant and the scheduler flags them once a minute, so an
 *   answer no more than a minute behind the clock is what the system promises already; a
 *   day would hand back a stale overdue flag for hours, and a second would leave nothing to
 *   revalidate between the apps' 30 s polls;
 * - the user (role, scope and masking are theirs; the account is re-read at each version),
 *   and the path and query;
 * - a random key of this app instance: the data version restarts with the process, and a
 *   new build may answer the same data differently.
 *
 * The tag is weak: one tag covers the plain, gzip and brotli bytes of the same answer. It is
 * a hash, so it tells the client neither the write count nor the clock. Only a 200 carries it
 * (jsonAnswer); an error is never tagged, so a tag was last given for an answer the handler
 * produced for this user at this version. The version is read before the handler, which runs
 * without awaiting anything between, so the answer is never older than its tag.
 */
export function revalidation(): MiddlewareHandler<AppEnv> {
  const instance = randomBytes(16).toString('base64url');
  return async (c, next) => {
    const user = c.get('user');
    const screen = c.get('screen');
    // a wall screen's answers are its credential's (the credential was checked before this runs)
    const viewer = user ? user.id : screen ? `screen:${screen.credentialId}` : null;
    if ((c.req.method !== 'GET' && c.req.method !== 'HEAD') || !viewer) return next();
    const deps = c.get('deps');
    const url = c.req.url;
    const pathAndQuery = url.slice(url.indexOf('/', url.indexOf('//') + 2));
    const minute = Math.floor(deps.clock.now().getTime() / MINUTE_MS);
    const hash = createHash('sha256')
      .update(`${instance}\n${deps.dataVersion()}\n${minute}\n${viewer}\n${pathAndQuery}`)
      .digest('base64url');
    const tag = `W/"${hash.slice(0, 27)}"`;
    const held = c.req.header('if-none-match');
    if (held && matchesWeakly(held, tag)) return notModified(c, tag);
    c.set('etag', tag);
    await next();
  };
}

/** If-None-Match's weak comparison (RFC 9110 §13.1.2): any listed tag equal to ours, W/ or not. `*` is not taken as a match: the answer may not exist. */
function matchesWeakly(header: string, tag: string): boolean {
  const opaque = tag.slice(2);
  for (const listed of header.split(',')) {
    const t = listed.trim();
    if ((t.startsWith('W/') ? t.slice(2) : t) === opaque) return true;
  }
  return false;
}
