import { computed, reactive, ref, shallowRef, watch } from 'vue';
import { UNIT_ID_PATTERN, UNIT_KINDS, UNIT_KIND_LABELS, type AdminUnit, type CreateUnitInput, type UnitKind, type UpdateUnitInput } from '@minqing/shared';
import { api } from '../api';
import { confirmDanger, fieldRule, sendAdminForm, type SaveResult } from '../utils/adminForm';
import { useReferenceStore } from '../stores/reference';
import { checkUnitName } from '../utils/accountRules';
import type { PickOption } from './useAccountForm';

/** The fields a server error may name. */
export type UnitField = 'id' | 'name' | 'kind' | 'regionId' | 'sort' | 'active';

/** 排序's bounds in the form (the contract allows up to 1,000,000; a county has a few dozen units). */
export const UNIT_SORT_RANGE = { min: 0, max: 9999 } as const;

/**
 * 承办单位's create / edit form: checks that mirror createUnitSchema / updateUnitSchema
 * (shared/src/admin.ts) with the same messages, only the changes sent, a refusal shown under
 * the field the server names (400, 409), and a confirmation before 停用. A new unit goes after
 * the others of its kind; 排序 moves it when it is edited.
 */
export function useUnitForm() {
  const ref$ = useReferenceStore();
  const editing = shallowRef<AdminUnit | null>(null);
  const form = reactive({ id: '', name: '', kind: '' as UnitKind | '', regionId: '', sort: 0 as number | string, active: true });
  const errors = reactive<Partial<Record<UnitField, string>>>({});
  const saving = ref(false);
  watch(
    () => ({ ...form }),
    (now, before) => {
      for (const k of Object.keys(now) as (keyof typeof form)[]) if (now[k] !== before[k]) delete errors[k];
    },
  );

  const kindOptions: PickOption[] = UNIT_KINDS.map((k) => ({ value: k, text: UNIT_KIND_LABELS[k] }));
  /** A town government's town; a department none; another organ the city if any. */
  const regionOptions = computed<PickOption[]>(() => [
    ...(form.kind === 'town' ? [] : [{ value: '', text: '不设所属地区' }]),
    ...ref$.regions
      .filter((r) => (form.kind === 'town' ? r.kind === 'town' : r.kind !== 'village'))
      .map((r) => ({ value: r.id, text: r.name, label: r.kind === 'city' ? '市' : '镇（街道）' })),
  ]);
  const regionName = computed(() => (form.regionId ? (ref$.regions.find((r) => r.id === form.regionId)?.name ?? editing.value?.regionName ?? form.regionId) : ''));

  function clearErrors() {
    for (const k of Object.keys(errors) as UnitField[]) delete errors[k];
  }

  function open(unit: AdminUnit | null, defaultKind: UnitKind | '' = '') {
    clearErrors();
    editing.value = unit;
    Object.assign(form, { id: unit?.id ?? '', name: unit?.name ?? '', kind: unit?.kind ?? defaultKind, regionId: unit?.regionId ?? '', sort: unit?.sort ?? 0, active: unit?.active ?? true });
  }

  function pickKind(kind: string) {
    form.kind = kind as UnitKind;
    // a town government belongs to a town; another kind keeps a region only if it still fits
    if (!regionOptions.value.some((o) => o.value === form.regionId)) form.regionId = '';
  }

  /** Asks before 停用; back in service needs no confirmation. */
  async function setActive(next: boolean) {
    if (!next) {
      const ok = await confirmDanger('停用该单位', '停用后交办时不再提供该单位，系统也不再推荐；已交办给它的民情件照常由它办理，统计数据保留。', '确认停用');
      if (!ok) return;
    }
    form.active = next;
  }

  const rules = {
    id: fieldRule((v) => (!v.trim() || UNIT_ID_PATTERN.test(v.trim()) ? true : '单位编号为2–32位小写字母、数字或 -，以字母开头（如 u-001）')),
    name: fieldRule(checkUnitName),
    kind: fieldRule(() => (form.kind ? true : '请选择单位类别（部门、镇街或其他机关）')),
    regionId: fieldRule(() => (form.kind !== 'town' || form.regionId ? true : '镇街单位须选择所属镇（街道）')),
    sort: fieldRule(() => {
      const n = Number(form.sort);
      return Number.isInteger(n) && n >= UNIT_SORT_RANGE.min && n <= UNIT_SORT_RANGE.max ? true : `排序为 ${UNIT_SORT_RANGE.min}–${UNIT_SORT_RANGE.max} 的整数`;
    }),
  };

  function createInput(): CreateUnitInput {
    return {
      ...(form.id.trim() ? { id: form.id.trim() } : {}),
      name: form.name.trim(),
      kind: form.kind as UnitKind,
      ...(form.regionId ? { regionId: form.regionId } : {}),
    };
  }

  function updateInput(u: AdminUnit): UpdateUnitInput {
    const input: UpdateUnitInput = {};
    if (form.name.trim() !== u.name) input.name = form.name.trim();
    if (Number(form.sort) !== u.sort) input.sort = Number(form.sort);
    if (form.active !== u.active) input.active = form.active;
    return input;
  }

  /** Sends the form; the saved unit, 'unchanged', or null when refused (told under the field). */
  async function save(): Promise<SaveResult<AdminUnit>> {
    const u = editing.value;
    return sendAdminForm({
      saving,
      errors,
      changes: u ? updateInput(u) : null,
      update: (changes) => api.admin.updateUnit(u!.id, changes),
      create: () => api.admin.createUnit(createInput()),
    });
  }

  return { editing, form, errors, saving, kindOptions, regionOptions, regionName, rules, open, pickKind, setActive, save };
}
