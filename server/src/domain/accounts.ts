import { randomUUID } from 'node:crypto';
import {
  maskPhone,
  PASSWORD_ROLES,
  ROLE_SCOPE,
  type AdminEvent,
  type AdminUser,
  type CreateStaffUserInput,
  type Role,
  type UpdateUserInput,
} from '@minqing/shared';
import type { Deps } from '../deps.js';
import { hashPassword } from './passwords.js';
import { ApiError } from '../errors.js';
import type { AdminEventRow } from '../repos/admin.js';
import type { UserRow } from '../repos/users.js';
import { recordAdminChange, type AdminChange } from './admin-changes.js';
import type { SessionUser } from './session.js';

/** 账号管理: staff accounts are created and changed by an admin, and every change is logged. */

export function presentAdminUser(deps: Deps, row: UserRow): AdminUser {
  const region = row.region_id ? deps.reference.region(row.region_id) : undefined;
  const unit = row.unit_id ? deps.reference.unit(row.unit_id) : undefined;
  const deputy = row.deputy_code ? deps.reference.deputy(row.deputy_code) : undefined;
  return {
    id: row.id,
    role: row.role,
    name: row.name,
    // an admin manages accounts, not citizens' contact details
    phone: row.phone && row.role === 'citizen' ? maskPhone(row.phone) : row.phone,
    dingUserId: row.idp_kind === 'ding' ? row.idp_user_id : null,
    username: row.username,
    hasPassword: row.password_hash !== null,
    regionId: row.region_id,
    regionName: region?.name ?? null,
    unitId: row.unit_id,
    unitName: unit?.name ?? null,
    deputyCode: row.deputy_code,
    deputyName: deputy?.name ?? null,
    disabled: row.disabled === 1,
    createdAt: row.created_at,
  };
}

export function presentAdminEvent(row: AdminEventRow): AdminEvent {
  return {
    id: row.id,
    action: row.action,
    actorName: row.actor_name,
    target: row.target,
    targetName: row.target_name,
    changes: JSON.parse(row.changes) as Record<string, unknown>,
    createdAt: row.created_at,
  };
}

/** The scope fields a role is bound to, checked against the reference data; the rest are cleared. */
function scopeOf(
  deps: Deps,
  role: Role,
  input: { regionId?: string | undefined; unitId?: string | undefined; deputyCode?: string | undefined },
) {
  const scope = role === 'citizen' ? null : ROLE_SCOPE[role];
  if (scope === 'region') {
    if (!input.regionId || !deps.reference.region(input.regionId)) throw new ApiError('invalid_input', '所属地区不存在', 'regionId');
    return { region_id: input.regionId, unit_id: null, deputy_code: null };
  }
  if (scope === 'unit') {
    const unit = input.unitId ? deps.reference.unit(input.unitId) : undefined;
    if (!unit) throw new ApiError('invalid_input', '承办单位不存在', 'unitId');
    return { region_id: unit.region_id ?? null, unit_id: unit.id, deputy_code: null };
  }
  if (scope === 'deputy') {
    const deputy = input.deputyCode ? deps.reference.deputy(input.deputyCode) : undefined;
    if (!deputy) throw new ApiError('invalid_input', '代表不存在', 'deputyCode');
    return { region_id: deputy.region_id, unit_id: null, deputy_code: deputy.code };
  }
  return { region_id: null, unit_id: null, deputy_code: null };
}

export function createStaffUser(deps: Deps, actor: SessionUser, input: CreateStaffUserInput, demoMode: boolean): AdminUser {
  const now = deps.clock.now().toISOString();
  const row = recordAdminChange(
    deps,
    actor,
    'user_create',
    (): AdminChange<UserRow> => {
      if (input.username && deps.users.byUsername(input.username)) throw new ApiError('conflict', '该用户名已被使用', 'username');
      if (input.dingUserId && deps.admin.dingUserTaken(input.dingUserId))
        throw new ApiError('conflict', '该浙政钉账号已开通', 'dingUserId');
      const id = `u-${randomUUID()}`;
      deps.users.insert({
        id,
        role: input.role,
        name: input.name,
        phone: input.phone ?? null,
        idp_kind: input.dingUserId ? 'ding' : null,
        idp_user_id: input.dingUserId ?? null,
        username: input.username ?? null,
        password_hash: input.password ? hashPassword(input.password) : null,
        ...scopeOf(deps, input.role, input),
        created_at: now,
      });
      const created = deps.users.get(id)!;
      const { password: _password, ...logged } = input;
      if (demoMode && input.dingUserId) deps.admin.registerMockStaff(input.dingUserId, input.role, input.name, input.phone ?? null);
      return { target: id, changes: { ...logged, ...(input.password ? { password: '已设置' } : {}) }, value: created };
    },
    false,
  );
  return presentAdminUser(deps, row);
}

export function updateUser(deps: Deps, actor: SessionUser, id: string, input: UpdateUserInput, demoMode: boolean): AdminUser {
  const row = recordAdminChange(
    deps,
    actor,
    'user_update',
    (): AdminChange<UserRow> => {
      const before = deps.users.get(id);
      if (!before) throw new ApiError('not_found', '账号不存在');
      if (before.role === 'citizen' && Object.keys(input).some((k) => k !== 'disabled')) {
        // citizens' names and phones come from 浙里办; only their access is the admin's to decide
        throw new ApiError(
          'invalid_input',
          '群众账号只能停用或启用，姓名和手机号以浙里办为准',
          Object.keys(input).find((k) => k !== 'disabled'),
        );
      }
      if (id === actor.id && input.disabled) throw new ApiError('invalid_input', '不能停用自己的账号', 'disabled');
      const fields: Parameters<Deps['admin']['update']>[1] = {};
      const changes: Record<string, unknown> = {};
      if (input.name !== undefined && input.name !== before.name) fields.name = changes.name = input.name;
      if (input.phone !== undefined && input.phone !== before.phone) fields.phone = changes.phone = input.phone;
      if (input.dingUserId !== undefined && input.dingUserId !== (before.idp_kind === 'ding' ? before.idp_user_id : null)) {
        if (input.dingUserId && deps.admin.dingUserTaken(input.dingUserId))
          throw new ApiError('conflict', '该浙政钉账号已开通', 'dingUserId');
        if (!input.dingUserId && !before.username)
          throw new ApiError('invalid_input', '该账号没有其他登录方式，不能清空浙政钉账号', 'dingUserId');
        fields.idp_kind = input.dingUserId ? 'ding' : null;
        fields.idp_user_id = changes.dingUserId = input.dingUserId;
      }
      if (input.regionId !== undefined || input.unitId !== undefined || input.deputyCode !== undefined) {
        const scope = scopeOf(deps, before.role, {
          regionId: input.regionId ?? before.region_id ?? undefined,
          unitId: input.unitId ?? before.unit_id ?? undefined,
          deputyCode: input.deputyCode ?? before.deputy_code ?? undefined,
        });
        for (const [column, key] of [
          ['region_id', 'regionId'],
          ['unit_id', 'unitId'],
          ['deputy_code', 'deputyCode'],
        ] as const) {
          if (scope[column] !== before[column]) fields[column] = changes[key] = scope[column];
        }
      }
      if (input.password !== undefined) {
        if (!(PASSWORD_ROLES as readonly string[]).includes(before.role) || !before.username) {
          throw new ApiError('invalid_input', '该账号不使用密码登录', 'password');
        }
        fields.password_hash = hashPassword(input.password);
        changes.password = '已重置';
      }
      if (input.disabled !== undefined && input.disabled !== (before.disabled === 1)) {
        fields.disabled = input.disabled ? 1 : 0;
        changes.disabled = input.disabled;
      }
      if (!Object.keys(changes).length) return { target: id, changes, value: before };
      deps.admin.update(id, fields);
      const after = deps.users.get(id)!;
      if (demoMode && after.idp_kind === 'ding' && after.idp_user_id && 'dingUserId' in changes) {
        deps.admin.registerMockStaff(after.idp_user_id, after.role, after.name, after.phone);
      }
      return { target: id, changes, value: after };
    },
    false,
  );
  return presentAdminUser(deps, row);
}
