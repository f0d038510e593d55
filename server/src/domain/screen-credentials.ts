import { createHash, randomBytes } from 'node:crypto';
import {
  SCREEN_KEY_PATTERN,
  screenAddress,
  type IssueScreenCredentialInput,
  type IssuedScreenCredential,
  type ScreenCredential,
} from '@minqing/shared';
import type { Deps } from '../deps.js';
import { ApiError, notFound } from '../errors.js';
import type { ListedScreenCredentialRow } from '../repos/screen-credentials.js';
import type { ScreenViewer } from '../session-user.js';
import { uuid7 } from '../util/uuid7.js';
import { recordAdminChange } from './admin-changes.js';
import type { SessionUser } from './session.js';

export type { ScreenViewer };

/** Who issues, lists and revokes 大屏凭证: those who read the cockpit themselves (PRODUCT.md: leaders own it). */
export const SCREEN_ISSUER_ROLES = ['leader', 'office', 'admin'] as const;
const DAY_MS = 86_400_000;
/** A screen polls every 30 s: its last use is written at most this often, so polling does not churn the data version. */
const LAST_USED_EVERY_MS = 5 * 60_000;

/** The secret is 256 random bits: a plain SHA-256 is enough to keep the stored hash useless to a reader of the database. */
const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** The regions a caller's credentials may be of (null: every region, an admin's). */
function issuerRegions(deps: Deps, user: SessionUser): string[] | null {
  if (user.role === 'admin') return null;
  return user.regionId ? deps.reference.subtree(user.regionId) : [];
}

function present(deps: Deps, row: ListedScreenCredentialRow): ScreenCredential {
  const now = deps.clock.now().toISOString();
  return {
    id: row.id,
    name: row.name,
    regionId: row.region_id,
    regionName: deps.reference.region(row.region_id)?.name ?? row.region_id,
    createdByName: row.created_by_name,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    status: row.revoked_at ? 'revoked' : row.expires_at <= now ? 'expired' : 'active',
  };
}

/** 大屏凭证 of the caller's region and below (an admin's: all), newest first. */
export function listScreenCredentials(deps: Deps, user: SessionUser): ScreenCredential[] {
  return deps.screenCredentials.list(issuerRegions(deps, user)).map((r) => present(deps, r));
}

/**
 * Issues a credential for the figures of one region: the issuer's own unless they name another, a
 * town or the city, never outside their own scope. The secret is in this answer only; the database
 * keeps its hash, and the 操作日志 records who issued what for where (never the secret).
 */
export function issueScreenCredential(
  deps: Deps,
  user: SessionUser,
  input: IssueScreenCredentialInput,
  publicBaseUrl: string,
): IssuedScreenCredential {
  const regionId = input.regionId ?? user.regionId;
  if (!regionId) throw new ApiError('invalid_input', '请选择大屏显示的地区', 'regionId');
  const region = deps.reference.region(regionId);
  if (!region) throw new ApiError('invalid_input', '地区不存在', 'regionId');
  if (region.kind === 'village') throw new ApiError('invalid_input', '大屏只能显示全市或一个镇（街道）', 'regionId');
  const allowed = issuerRegions(deps, user);
  if (allowed !== null && !allowed.includes(regionId)) throw new ApiError('forbidden', '只能发放本人所辖地区的大屏凭证', 'regionId');

  const now = deps.clock.now();
  const secret = `mqs_${randomBytes(32).toString('base64url')}`;
  const id = uuid7(now.getTime());
  const expiresAt = new Date(now.getTime() + (input.validDays ?? 90) * DAY_MS).toISOString();
  const credential = recordAdminChange(
    deps,
    user,
    'screen_credential_issue',
    () => {
      deps.screenCredentials.insert({
        id,
        name: input.name,
        region_id: regionId,
        secret_hash: hashOf(secret),
        created_by: user.id,
        created_at: now.toISOString(),
        expires_at: expiresAt,
      });
      return { target: id, changes: { name: input.name, regionId, expiresAt }, value: present(deps, deps.screenCredentials.get(id)!) };
    },
    false,
  );
  return { credential, secret, screenUrl: screenAddress(publicBaseUrl, secret) };
}

/** Revokes at once: the screen's next request is refused. One outside the caller's region is not found; revoking twice is the same answer. */
export function revokeScreenCredential(deps: Deps, user: SessionUser, id: string): ScreenCredential {
  const row = deps.screenCredentials.get(id);
  const allowed = issuerRegions(deps, user);
  if (!row || (allowed !== null && !allowed.includes(row.region_id))) throw notFound('大屏凭证不存在');
  if (row.revoked_at) return present(deps, row);
  return recordAdminChange(
    deps,
    user,
    'screen_credential_revoke',
    () => {
      const at = deps.clock.now().toISOString();
      const revoked = deps.screenCredentials.revoke(id, user.id, at);
      return { target: id, changes: revoked ? { revokedAt: at } : {}, value: present(deps, deps.screenCredentials.get(id)!) };
    },
    false,
  );
}

/**
 * The screen a secret opens, checked on every request (nothing is remembered, so a revocation or
 * an expiry holds from the next request on); 401 for an unknown, revoked or expired one.
 */
export function screenViewerOf(deps: Deps, secret: string): ScreenViewer {
  if (!SCREEN_KEY_PATTERN.test(secret)) throw new ApiError('unauthorized', '大屏凭证无效');
  const row = deps.screenCredentials.byHash(hashOf(secret));
  if (!row) throw new ApiError('unauthorized', '大屏凭证无效');
  if (row.revoked_at) throw new ApiError('unauthorized', '大屏凭证已撤销');
  const now = deps.clock.now();
  if (Date.parse(row.expires_at) <= now.getTime()) throw new ApiError('unauthorized', '大屏凭证已过期');
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) >= LAST_USED_EVERY_MS) {
    deps.screenCredentials.markUsed(row.id, now.toISOString());
  }
  return { credentialId: row.id, name: row.name, regionId: row.region_id };
}

/**
 * What the cockpit's figures are computed for when a screen asks: a leader's scope over the
 * credential's region (statsFilter reads only the role and the region). Only the stats routes make
 * it, per request, and it is never the request's user: it opens no other route.
 */
export function screenStatsViewer(screen: ScreenViewer): SessionUser {
  return {
    id: `screen:${screen.credentialId}`,
    role: 'leader',
    name: screen.name,
    phone: null,
    regionId: screen.regionId,
    unitId: null,
    deputyCode: null,
  };
}
