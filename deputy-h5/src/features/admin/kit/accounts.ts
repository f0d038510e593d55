import { computed, markRaw, shallowRef } from 'vue';
import {
  PASSWORD_ROLES,
  ROLE_LABELS,
  ROLE_SCOPE,
  STAFF_ROLES,
  dingUserIdRule,
  nameRule,
  orEmpty,
  passwordRule,
  phoneRule,
  pickedRule,
  usernameRule,
  type AdminUser,
  type Deputy,
  type Role,
} from '@minqing/shared';
import { api } from '../../../api';
import { useAuthStore } from '../../../stores/auth';
import { useReferenceStore } from '../../../stores/reference';
import type { PickOption } from '../../../ui/pickOption';
import AccountRoleField from './AccountRoleField.vue';
import { REGION_KIND_LABELS } from './regions';
import { changed, useAdminForm, type FieldSpec } from './useAdminForm';

export type StaffRole = (typeof STAFF_ROLES)[number];
type ScopeField = 'regionId' | 'unitId' | 'deputyCode';
type AccountValues = {
  role: StaffRole | '';
  name: string;
  phone: string;
  dingUserId: string;
  username: string;
  password: string;
  regionId: string;
  unitId: string;
  deputyCode: string;
  disabled: boolean;
};

const SCOPE = {
  region: { field: 'regionId', label: '所属地区' },
  unit: { field: 'unitId', label: '承办单位' },
  deputy: { field: 'deputyCode', label: '对应代表' },
} as const;
const SCOPE_MISSING = { region: '请选择所属地区', unit: '请选择承办单位', deputy: '请选择对应的代表' } as const;
const REGION_KIND_ORDER = { city: 0, town: 1, village: 2 } as const;
const isStaffRole = (role: string): role is StaffRole => (STAFF_ROLES as readonly string[]).includes(role);
const isPasswordRole = (role: Role | '') => (PASSWORD_ROLES as readonly string[]).includes(role);

/**
 * What an account's role asks for: its scope (a region, unit or deputy: ROLE_SCOPE), whether it
 * may sign in by password (PASSWORD_ROLES; an existing account only if it has a username — the
 * server refuses a password without one), and what 浙政钉账号 says when it is missing.
 */
export function roleFields(role: Role | '', editing: AdminUser | null, username: string) {
  const staff = role && isStaffRole(role) ? role : null;
  const scope = staff ? ROLE_SCOPE[staff] : null;
  const passwordRole = staff !== null && isPasswordRole(staff);
  const hasUsername = editing ? Boolean(editing.username) : Boolean(username.trim());
  return {
    staff,
    scope: scope ? { kind: scope, ...SCOPE[scope], missing: SCOPE_MISSING[scope] } : null,
    passwordRole,
    showPasswordLogin: passwordRole && (!editing || Boolean(editing.username)),
    dingMissing: hasUsername ? null : !editing && passwordRole ? '请填写浙政钉账号或用户名（至少一种登录方式）' : '请填写浙政钉账号',
  };
}

/** 账号管理's form: a new staff account (the fields its role needs) or changes to one, 停用 included. */
export function useAccountForm() {
  const ref$ = useReferenceStore();
  const auth = useAuthStore();
  const deputies = shallowRef<Deputy[]>([]);
  const scopeOptions = computed<Record<'region' | 'unit' | 'deputy', PickOption[]>>(() => ({
    region: [...ref$.regions]
      .sort((a, b) => REGION_KIND_ORDER[a.kind] - REGION_KIND_ORDER[b.kind])
      .map((r) => ({ value: r.id, text: r.name, label: REGION_KIND_LABELS[r.kind] })),
    unit: ref$.units.map((u) => ({ value: u.id, text: u.name })),
    deputy: deputies.value.map((d) => ({ value: d.code, text: d.name, label: `${d.levelLabel} · ${d.regionName} · ${d.code}` })),
  }));
  const role = (form: AccountValues, editing: AdminUser | null) => roleFields(editing?.role ?? form.role, editing, form.username);

  return useAdminForm<AdminUser, AccountValues>(
    {
      name: 'account',
      noun: '账号',
      createdToast: '已保存',
      load: () =>
        Promise.all([ref$.load(), deputies.value.length ? undefined : api.deputies.list().then((r) => (deputies.value = r.items))]),
      blank: (u) => ({
        role: u && isStaffRole(u.role) ? u.role : '',
        name: u?.name ?? '',
        phone: u?.phone ?? '',
        dingUserId: u?.dingUserId ?? '',
        username: u?.username ?? '',
        password: '',
        regionId: u?.regionId ?? '',
        unitId: u?.unitId ?? '',
        deputyCode: u?.deputyCode ?? '',
        disabled: u?.disabled ?? false,
      }),
      createInput: (v) => {
        const r = role(v, null);
        const trimmed = (s: string) => s.trim() || undefined;
        return {
          role: v.role,
          name: v.name.trim(),
          phone: trimmed(v.phone),
          dingUserId: trimmed(v.dingUserId),
          ...(r.passwordRole && v.username.trim() ? { username: v.username.trim(), password: v.password } : {}),
          ...(r.scope ? { [r.scope.field]: v[r.scope.field] } : {}),
        };
      },
      // only what changed: the log then says exactly what the admin did
      updateInput: (v, u) => {
        if (u.role === 'citizen') return changed(v, u, ['disabled']);
        const r = role(v, u);
        const orNull = (s: string) => s.trim() || null;
        return {
          ...changed(v, u, ['name', 'disabled', ...(r.scope ? [r.scope.field] : [])]),
          ...(orNull(v.phone) !== u.phone ? { phone: orNull(v.phone) } : {}),
          ...(orNull(v.dingUserId) !== u.dingUserId ? { dingUserId: orNull(v.dingUserId) } : {}),
          ...(r.showPasswordLogin && v.password ? { password: v.password } : {}),
        };
      },
      create: api.admin.createUser,
      update: (u, changes) => api.admin.updateUser(u.id, changes),
    },
    ({ form, editing }): FieldSpec[] => {
      const r = role(form, editing);
      const citizen = editing?.role === 'citizen';
      const roleLabel = (editing?.role ?? form.role) ? ROLE_LABELS[(editing?.role ?? form.role) as Role] : '';
      // an admin cannot stop their own account (the server refuses it too)
      const canDisable = !editing || editing.id !== auth.user?.id || editing.disabled;
      const scopeValue = r.scope ? form[r.scope.field as ScopeField] : '';
      const scopeName = (): string => {
        if (!r.scope) return '';
        const picked = scopeOptions.value[r.scope.kind].find((o) => o.value === scopeValue)?.text;
        if (picked || !editing || editing[r.scope.field] !== scopeValue) return picked ?? scopeValue;
        return (
          (r.scope.kind === 'region' ? editing.regionName : r.scope.kind === 'unit' ? editing.unitName : editing.deputyName) ?? scopeValue
        );
      };
      return [
        editing
          ? { key: 'role', label: '角色', kind: 'picker', display: roleLabel }
          : {
              key: 'role',
              label: '角色',
              kind: 'custom',
              component: markRaw(AccountRoleField),
              display: roleLabel,
              rule: pickedRule('请选择角色（代表、人大工作人员、承办人、领导或管理员）'),
            },
        {
          key: 'name',
          label: '姓名',
          kind: 'text',
          placeholder: '请填写姓名',
          max: 32,
          readonly: citizen,
          required: !citizen,
          ...(citizen ? {} : { rule: nameRule }),
        },
        {
          key: 'phone',
          label: '手机号',
          kind: 'text',
          inputType: 'tel',
          max: 11,
          placeholder: citizen ? '' : '选填',
          readonly: citizen,
          ...(citizen ? {} : { rule: orEmpty(phoneRule) }),
        },
        ...(citizen
          ? [{ key: 'citizenNote', label: '', kind: 'note' as const, display: '群众账号的姓名和手机号以浙里办为准，这里只能停用或启用。' }]
          : []),
        ...(r.staff
          ? [
              {
                key: 'dingUserId',
                label: '浙政钉账号',
                kind: 'text' as const,
                placeholder: r.passwordRole ? '浙政钉账号或用户名至少填一项' : '请填写浙政钉账号',
                max: 64,
                rule: orEmpty(dingUserIdRule, r.dingMissing),
              },
              ...(r.scope
                ? [
                    {
                      key: r.scope.field,
                      label: r.scope.label,
                      kind: 'picker' as const,
                      title: `选择${r.scope.label}`,
                      placeholder: `请选择${r.scope.label}`,
                      display: scopeName(),
                      options: scopeOptions.value[r.scope.kind],
                      required: true,
                      rule: pickedRule(r.scope.missing),
                    },
                  ]
                : []),
              ...(r.showPasswordLogin
                ? [
                    {
                      key: 'username',
                      label: '用户名',
                      kind: 'text' as const,
                      placeholder: editing ? '' : '电脑端密码登录用，选填',
                      max: 32,
                      readonly: Boolean(editing),
                      ...(editing ? {} : { rule: orEmpty(usernameRule, form.password ? '请填写用户名' : null) }),
                    },
                    {
                      key: 'password',
                      label: editing ? '重置密码' : '初始密码',
                      kind: 'text' as const,
                      inputType: 'password' as const,
                      placeholder: editing ? '不修改请留空' : '至少8位，含字母和数字',
                      max: 72,
                      autocomplete: 'new-password',
                      // passwords are not trimmed (the schema does not trim them either)
                      rule: (v: string) => (v ? passwordRule(v) : !editing && form.username.trim() ? '请设置初始密码' : true),
                    },
                  ]
                : []),
            ]
          : []),
        ...(editing
          ? [
              {
                key: 'disabled',
                label: '停用账号',
                kind: 'switch' as const,
                testid: 'disabled-switch',
                disabled: !canDisable,
                activeColor: '#ee0a24',
                hint: !canDisable ? '不能停用自己的账号' : form.disabled ? '已停用，保存后生效' : '',
                hintMuted: !canDisable,
                confirm: { when: true, title: '停用账号', message: '停用后该账号将立即无法登录', button: '停用' },
              },
            ]
          : []),
      ];
    },
  );
}
