import { computed, reactive, ref, shallowRef, watch } from 'vue';
import {
  PASSWORD_ROLES,
  ROLE_LABELS,
  ROLE_SCOPE,
  STAFF_ROLES,
  type AdminUser,
  type CreateStaffUserInput,
  type Deputy,
  type UpdateUserInput,
} from '@minqing/shared';
import { api } from '../api';
import { confirmDanger, fieldRule, sendAdminForm, type SaveResult } from '../utils/adminForm';
import { useReferenceStore } from '../stores/reference';
import { checkDingUserId, checkName, checkPassword, checkPhone, checkUsername } from '../utils/accountRules';

export type StaffRole = (typeof STAFF_ROLES)[number];
export type ScopeKind = 'region' | 'unit' | 'deputy';
/** One row of a picker: what is stored, what is shown, and a second line. */
export interface PickOption {
  value: string;
  text: string;
  label?: string;
}

/** The fields a server error may name, and the form's own (role is only ever picked). */
export type AccountField =
  'role' | 'name' | 'phone' | 'dingUserId' | 'username' | 'password' | 'regionId' | 'unitId' | 'deputyCode' | 'disabled';
const SCOPE_FIELD = { region: 'regionId', unit: 'unitId', deputy: 'deputyCode' } as const;
const REGION_KIND_ORDER = { city: 0, town: 1, village: 2 } as const;
const REGION_KIND_LABELS = { city: '市', town: '镇（街道）', village: '村（社区）' } as const;

const isStaffRole = (role: string): role is StaffRole => (STAFF_ROLES as readonly string[]).includes(role);

/**
 * 账号管理's create / edit form: the fields a role needs (ROLE_SCOPE, PASSWORD_ROLES), checks
 * that mirror the contract's, the changes to send, and a refusal from the server shown under
 * the field it names (400 invalid_input, 409 conflict).
 */
export function useAccountForm() {
  const ref$ = useReferenceStore();
  /** The account being changed; null when a new one is being made. */
  const editing = shallowRef<AdminUser | null>(null);
  const form = reactive({
    role: '' as StaffRole | '',
    name: '',
    phone: '',
    dingUserId: '',
    username: '',
    password: '',
    regionId: '',
    unitId: '',
    deputyCode: '',
    disabled: false,
  });
  const errors = reactive<Partial<Record<AccountField, string>>>({});
  const saving = ref(false);
  const deputies = shallowRef<Deputy[]>([]);
  // a field's server error goes once the admin changes that field
  watch(
    () => ({ ...form }),
    (now, before) => {
      for (const k of Object.keys(now) as (keyof typeof form)[]) if (now[k] !== before[k]) delete errors[k];
    },
  );

  const isCitizen = computed(() => editing.value?.role === 'citizen');
  const role = computed<StaffRole | null>(() => {
    const r = editing.value?.role ?? form.role;
    return r && isStaffRole(r) ? r : null;
  });
  const roleLabel = computed(() => {
    const r = editing.value?.role ?? form.role;
    return r ? ROLE_LABELS[r] : '';
  });
  const scope = computed<ScopeKind | null>(() => (role.value ? ROLE_SCOPE[role.value] : null));
  const passwordRole = computed(() => role.value !== null && (PASSWORD_ROLES as readonly string[]).includes(role.value));
  /**
   * 用户名 and 密码: a new office/admin account may get them; an existing one shows its username
   * (which cannot be changed) and a password reset only if it has one (the server refuses
   * a password for an account without a username).
   */
  const showPasswordLogin = computed(() => passwordRole.value && (!editing.value || Boolean(editing.value.username)));
  /** An admin cannot stop their own account (the server refuses it too). */
  const canDisable = ref(true);

  const regionOptions = computed<PickOption[]>(() =>
    [...ref$.regions]
      .sort((a, b) => REGION_KIND_ORDER[a.kind] - REGION_KIND_ORDER[b.kind])
      .map((r) => ({ value: r.id, text: r.name, label: REGION_KIND_LABELS[r.kind] })),
  );
  const unitOptions = computed<PickOption[]>(() => ref$.units.map((u) => ({ value: u.id, text: u.name })));
  const deputyOptions = computed<PickOption[]>(() =>
    deputies.value.map((d) => ({ value: d.code, text: d.name, label: `${d.levelLabel} · ${d.regionName} · ${d.code}` })),
  );
  const scopeOptions = computed(() =>
    scope.value === 'region'
      ? regionOptions.value
      : scope.value === 'unit'
        ? unitOptions.value
        : scope.value === 'deputy'
          ? deputyOptions.value
          : [],
  );
  const scopeValue = computed({
    get: () => (scope.value ? form[SCOPE_FIELD[scope.value]] : ''),
    set: (v: string) => {
      if (scope.value) form[SCOPE_FIELD[scope.value]] = v;
    },
  });
  /** The picked scope's name; before the lists load, the one the account came with. */
  const scopeName = computed(() => {
    const picked = scopeOptions.value.find((o) => o.value === scopeValue.value)?.text;
    if (picked) return picked;
    const u = editing.value;
    if (!u || !scope.value || u[SCOPE_FIELD[scope.value]] !== scopeValue.value) return scopeValue.value;
    return (scope.value === 'region' ? u.regionName : scope.value === 'unit' ? u.unitName : u.deputyName) ?? scopeValue.value;
  });

  /** Lists the pickers need; failures are toasted (the form can still be filled in part). */
  async function loadOptions() {
    await Promise.all([
      ref$.load().catch(() => undefined),
      deputies.value.length
        ? undefined
        : api.deputies.list().then(
            (r) => (deputies.value = r.items),
            () => undefined,
          ),
    ]);
  }

  function clearErrors() {
    for (const k of Object.keys(errors) as AccountField[]) delete errors[k];
  }

  /** Opens the form empty (new account) or filled with `user`; `selfId` is the signed-in admin. */
  function open(user: AdminUser | null, selfId: string | undefined) {
    clearErrors();
    editing.value = user;
    Object.assign(form, {
      role: user && isStaffRole(user.role) ? user.role : '',
      name: user?.name ?? '',
      phone: user?.phone ?? '',
      dingUserId: user?.dingUserId ?? '',
      username: user?.username ?? '',
      password: '',
      regionId: user?.regionId ?? '',
      unitId: user?.unitId ?? '',
      deputyCode: user?.deputyCode ?? '',
      disabled: user?.disabled ?? false,
    });
    canDisable.value = !user || user.id !== selfId || user.disabled;
  }

  function pickRole(next: StaffRole) {
    form.role = next;
    delete errors.role;
    // a scope picked for the previous role does not carry over (a region is not a unit)
    form.regionId = form.unitId = form.deputyCode = '';
  }

  /** Asks before stopping an account; starting it again needs no confirmation. */
  async function setDisabled(next: boolean) {
    delete errors.disabled;
    if (next) {
      const ok = await confirmDanger('停用账号', '停用后该账号将立即无法登录', '停用');
      if (!ok) return;
    }
    form.disabled = next;
  }

  const rules = computed(() => {
    const creating = !editing.value;
    const hasUsername = creating ? Boolean(form.username.trim()) : Boolean(editing.value?.username);
    const dingMissing = hasUsername
      ? null
      : creating && passwordRole.value
        ? '请填写浙政钉账号或用户名（至少一种登录方式）'
        : '请填写浙政钉账号';
    return {
      role: fieldRule(() => (form.role ? true : '请选择角色（代表、人大工作人员、承办人、领导或管理员）')),
      name: fieldRule(checkName),
      phone: fieldRule(checkPhone),
      dingUserId: fieldRule((v) => checkDingUserId(v, dingMissing)),
      username: fieldRule((v) => checkUsername(v, creating && Boolean(form.password))),
      password: fieldRule((v) => checkPassword(v, creating && Boolean(form.username.trim()))),
      scope: fieldRule(() =>
        scopeValue.value
          ? true
          : scope.value === 'region'
            ? '请选择所属地区'
            : scope.value === 'unit'
              ? '请选择承办单位'
              : '请选择对应的代表',
      ),
    };
  });

  function createInput(): CreateStaffUserInput {
    const r = form.role as StaffRole;
    const trimmed = (v: string) => v.trim() || undefined;
    return {
      role: r,
      name: form.name.trim(),
      phone: trimmed(form.phone),
      dingUserId: trimmed(form.dingUserId),
      ...(passwordRole.value && form.username.trim() ? { username: form.username.trim(), password: form.password } : {}),
      ...(scope.value ? { [SCOPE_FIELD[scope.value]]: scopeValue.value } : {}),
    };
  }

  /** Only what changed: the log then says exactly what the admin did. */
  function updateInput(user: AdminUser): UpdateUserInput {
    const input: UpdateUserInput = {};
    if (form.disabled !== user.disabled) input.disabled = form.disabled;
    if (user.role === 'citizen') return input;
    const orNull = (v: string) => v.trim() || null;
    if (form.name.trim() !== user.name) input.name = form.name.trim();
    if (orNull(form.phone) !== user.phone) input.phone = orNull(form.phone);
    if (orNull(form.dingUserId) !== user.dingUserId) input.dingUserId = orNull(form.dingUserId);
    if (scope.value) {
      const field = SCOPE_FIELD[scope.value];
      if (scopeValue.value !== user[field]) input[field] = scopeValue.value;
    }
    if (showPasswordLogin.value && form.password) input.password = form.password;
    return input;
  }

  /**
   * Sends the form (van-form has checked it). Returns the saved account, `'unchanged'` when
   * there was nothing to send, or null when the server refused (told under the field it
   * names as well as in the client's toast).
   */
  async function save(): Promise<SaveResult<AdminUser>> {
    const user = editing.value;
    return sendAdminForm({
      saving,
      errors,
      changes: user ? updateInput(user) : null,
      update: (changes) => api.admin.updateUser(user!.id, changes),
      create: () => api.admin.createUser(createInput()),
    });
  }

  return {
    editing,
    form,
    errors,
    saving,
    isCitizen,
    role,
    roleLabel,
    scope,
    passwordRole,
    showPasswordLogin,
    canDisable,
    scopeOptions,
    scopeValue,
    scopeName,
    rules,
    loadOptions,
    open,
    pickRole,
    setDisabled,
    save,
  };
}
