import { computed, reactive, ref, shallowRef, watch } from 'vue';
import { STATION_ID_PATTERN, STATION_LIMITS, type AdminStation, type CreateStationInput, type UpdateStationInput } from '@minqing/shared';
import { api } from '../api';
import { confirmDanger, fieldRule, sendAdminForm, type SaveResult } from '../utils/adminForm';
import { useAuthStore } from '../stores/auth';
import { useReferenceStore } from '../stores/reference';
import { checkStationText } from '../utils/accountRules';
import type { PickOption } from './useAccountForm';

/** The fields a server error may name. */
export type StationField = 'id' | 'name' | 'regionId' | 'address' | 'receptionDays' | 'active';

/**
 * 联络站's create / edit form: checks that mirror createStationSchema / updateStationSchema
 * (shared/src/admin.ts) with the same messages, only the changes sent, a refusal shown under
 * the field the server names (400, 403, 409), and a confirmation before 停用.
 */
export function useStationForm() {
  const ref$ = useReferenceStore();
  const auth = useAuthStore();
  const editing = shallowRef<AdminStation | null>(null);
  const form = reactive({ id: '', name: '', regionId: '', address: '', receptionDays: '', active: true });
  const errors = reactive<Partial<Record<StationField, string>>>({});
  const saving = ref(false);
  watch(
    () => ({ ...form }),
    (now, before) => {
      for (const k of Object.keys(now) as (keyof typeof form)[]) if (now[k] !== before[k]) delete errors[k];
    },
  );

  /** The towns (and their villages) of the caller's region: a town's office its own town. */
  const regionOptions = computed<PickOption[]>(() => {
    const own = auth.role === 'admin' ? null : (auth.user?.regionId ?? null);
    const within = (id: string): boolean => {
      for (let r = ref$.regions.find((x) => x.id === id); r; r = r.parentId ? ref$.regions.find((x) => x.id === r!.parentId) : undefined) {
        if (r.id === own) return true;
      }
      return false;
    };
    const KIND = { city: '市', town: '镇（街道）', village: '村（社区）' } as const;
    return ref$.regions
      .filter((r) => r.kind !== 'city' && (!own || within(r.id)))
      .map((r) => ({
        value: r.id,
        text: r.name,
        label: r.kind === 'village' ? `${ref$.regions.find((x) => x.id === r.parentId)?.name ?? ''} · ${KIND[r.kind]}` : KIND[r.kind],
      }));
  });
  const regionName = computed(() =>
    form.regionId ? (ref$.regions.find((r) => r.id === form.regionId)?.name ?? editing.value?.regionName ?? form.regionId) : '',
  );

  function clearErrors() {
    for (const k of Object.keys(errors) as StationField[]) delete errors[k];
  }

  function open(station: AdminStation | null, defaultRegionId = '') {
    clearErrors();
    editing.value = station;
    Object.assign(form, {
      id: station?.id ?? '',
      name: station?.name ?? '',
      regionId: station?.regionId ?? defaultRegionId,
      address: station?.address ?? '',
      receptionDays: station?.receptionDays ?? '',
      active: station?.active ?? true,
    });
  }

  /** Asks before 停用; opening again needs no confirmation. */
  async function setActive(next: boolean) {
    if (!next) {
      const ok = await confirmDanger(
        '停用该联络站',
        '停用后群众端和代表名册不再提供该联络站，扫码进站签到将被拒绝；已在此的代表资料和以往进站记录保留。',
        '确认停用',
      );
      if (!ok) return;
    }
    form.active = next;
  }

  const rules = {
    id: fieldRule((v) =>
      !v.trim() || STATION_ID_PATTERN.test(v.trim()) ? true : '联络站编号为2–32位小写字母、数字或 -，以字母开头（如 st-001）',
    ),
    name: fieldRule(checkStationText('联络站名称', STATION_LIMITS.name, '请填写联络站名称')),
    regionId: fieldRule(() => (form.regionId ? true : '请选择所属地区')),
    address: fieldRule(checkStationText('地址', STATION_LIMITS.address, '请填写联络站地址')),
    receptionDays: fieldRule(checkStationText('接待日', STATION_LIMITS.receptionDays, '请填写接待日（如 每月15日上午）')),
  };

  function createInput(): CreateStationInput {
    return {
      ...(form.id.trim() ? { id: form.id.trim() } : {}),
      name: form.name.trim(),
      regionId: form.regionId,
      address: form.address.trim(),
      receptionDays: form.receptionDays.trim(),
    };
  }

  function updateInput(s: AdminStation): UpdateStationInput {
    const input: UpdateStationInput = {};
    if (form.name.trim() !== s.name) input.name = form.name.trim();
    if (form.regionId !== s.regionId) input.regionId = form.regionId;
    if (form.address.trim() !== s.address) input.address = form.address.trim();
    if (form.receptionDays.trim() !== s.receptionDays) input.receptionDays = form.receptionDays.trim();
    if (form.active !== s.active) input.active = form.active;
    return input;
  }

  /** Sends the form; the saved station, 'unchanged', or null when refused (told under the field). */
  async function save(): Promise<SaveResult<AdminStation>> {
    const s = editing.value;
    return sendAdminForm({
      saving,
      errors,
      changes: s ? updateInput(s) : null,
      update: (changes) => api.admin.updateStation(s!.id, changes),
      create: () => api.admin.createStation(createInput()),
    });
  }

  return { editing, form, errors, saving, regionOptions, regionName, rules, open, setActive, save };
}
