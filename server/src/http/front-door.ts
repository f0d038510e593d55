import type { RequestListener } from 'node:http';
import type { Deps } from '../deps.js';
import { bearerToken, type Sessions } from './auth.js';
import { pickEncoding } from './compression.js';
import { ENCODED_JSON_HEADERS } from './json-answer.js';
import { ASKS_FRESH, type RepeatedAnswers } from './response-cache.js';

const HIT_HEADERS = {
  identity: Object.freeze({ ...ENCODED_JSON_HEADERS.identity, 'x-cache': 'hit' }),
  br: Object.freeze({ ...ENCODED_JSON_HEADERS.br, 'x-cache': 'hit' }),
  gzip: Object.freeze({ ...ENCODED_JSON_HEADERS.gzip, 'x-cache': 'hit' }),
};

/**
 * Answers a question asked again before anything changed (the badge's poll, pull-to-refresh,
 * a wall screen's figures) straight from the Node request, before the web Request, the
 * middleware and the router are built for it: by then the whole answer is already known.
 * It answers only when the token was already checked and is unexpired, the account was read
 * at the current data version, and that same user's answer for that same URL was computed at
 * that version less than a second ago (RepeatedAnswers): exactly when the routes would give
 * it from memory too. Everything else, errors included, goes on to the app.
 */
export function answerRepeatedReads(app: RequestListener, answers: RepeatedAnswers, sessions: Sessions, deps: Deps): RequestListener {
  return (req, res) => {
    const url = req.url;
    const authorization = req.headers.authorization;
    if (req.method === 'GET' && authorization && url?.startsWith('/api/') && !ASKS_FRESH.test(req.headers['cache-control'] ?? '')) {
      const token = bearerToken(authorization);
      const version = deps.dataVersion();
      const now = deps.clock.now().getTime();
      const user = token ? sessions.knownUser(token, now, version) : null;
      const kept = user ? answers.fresh(user.id, url, version, now, pickEncoding(req.headers['accept-encoding'])) : undefined;
      if (kept) {
        res.writeHead(200, { ...HIT_HEADERS[kept.encoding ?? 'identity'], 'content-length': String(kept.body.length) });
        res.end(kept.body);
        return;
      }
    }
    return app(req, res);
  };
}
