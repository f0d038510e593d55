import type { CaseScope } from '../repos/case-filter.js';
import type { CaseRow } from '../repos/cases.js';
import type { ReferenceRepo } from '../repos/reference.js';
import type { SessionUser } from './session.js';

/**
 * Who sees which case (PRODUCT.md): a citizen their own, a deputy those addressed to their seat,
 * a unit those assigned to it, office staff and leaders their region and below, admins all.
 * Staff scope comes from the account's current binding only (never from who entered a case), so
 * an account an admin rebinds to another seat, unit or region leaves the old one's cases behind.
 * Anything outside the scope is reported as not found.
 */
export function canSee(user: SessionUser, c: CaseRow, reference: ReferenceRepo): boolean {
  switch (user.role) {
    case 'citizen':
      return c.citizen_user_id === user.id;
    case 'deputy':
      return user.deputyCode !== null && c.deputy_code === user.deputyCode;
    case 'unit':
      return user.unitId !== null && c.unit_id === user.unitId;
    case 'office':
    case 'leader':
      return user.regionId !== null && reference.isWithin(c.region_id, user.regionId);
    case 'admin':
      return true;
  }
}

/** The same scope as data, for lists (repos/case-filter.ts states it in SQL). */
export function caseScope(user: SessionUser, reference: ReferenceRepo): CaseScope {
  switch (user.role) {
    case 'citizen':
      return { kind: 'citizen', userId: user.id };
    case 'deputy':
      return { kind: 'deputy', code: user.deputyCode ?? '' };
    case 'unit':
      return { kind: 'unit', unitId: user.unitId ?? '' };
    case 'office':
    case 'leader': {
      if (!user.regionId) return { kind: 'none' };
      const region = reference.region(user.regionId);
      if (region?.kind === 'city' && region.parent_id === null) return { kind: 'all' };
      return { kind: 'regions', ids: reference.subtree(user.regionId) };
    }
    case 'admin':
      return { kind: 'all' };
  }
}
