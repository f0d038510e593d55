import { computed, reactive, ref, shallowRef, watch } from 'vue';
import {
  VILLAGE_NAME_MAX,
  VILLAGE_SORT_RANGE,
  type AdminVillage,
  type CreateVillageInput,
  type Region,
  type UpdateVillageInput,
} from '@minqing/shared';
import { api } from '../api';
import { useAuthStore } from '../stores/auth';
import { useReferenceStore } from '../stores/reference';
import { checkStationText } from '../utils/accountRules';
import { confirmDanger, fieldRule, sendAdminForm, type SaveResult } from '../utils/adminForm';
import type { PickOption } from './useAccountForm';

/** The fields a server error may name. */
export type VillageField = 'name' | 'townId' | 'sort' | 'active';

/** The towns whose villages the caller keeps: a town's office its own town, the city's office and admins every town. */
export function useManagedTowns() {
  const ref$ = useReferenceStore();
  const auth = useAuthStore();
  return computed<Region[]>(() => {
    const own = auth.role === 'admin' ? null : (auth.user?.regionId ?? null);
    return ref$.regions.filter((r) => r.kind === 'town' && (!own || r.id === own || r.parentId === own));
  });
}

/**
 * 村（社区）'s create / edit form: checks that mirror createVillageSchema / updateVillageSchema
 * (shared/src/admin.ts) with the same messages, only the changes sent, a refusal shown under
 * the field the server names (400, 403, 409), and a confirmation before 停用.
 */
export function useVillageForm() {
  const towns = useManagedTowns();
  const editing = shallowRef<AdminVillage | null>(null);
  const form = reactive({ name: '', townId: '', sort: 0 as number | string });
  const errors = reactive<Partial<Record<VillageField, string>>>({});
  const saving = ref(false);
  watch(
    () => ({ ...form }),
    (now, before) => {
      for (const k of Object.keys(now) as (keyof typeof form)[]) if (now[k] !== before[k]) delete errors[k];
    },
  );

  const townOptions = computed<PickOption[]>(() => towns.value.map((t) => ({ value: t.id, text: t.name })));
  const townName = computed(() =>
    form.townId ? (towns.value.find((t) => t.id === form.townId)?.name ?? editing.value?.townName ?? form.townId) : '',
  );

  function open(village: AdminVillage | null, defaultTownId = '') {
    for (const k of Object.keys(errors) as VillageField[]) delete errors[k];
    editing.value = village;
    Object.assign(form, { name: village?.name ?? '', townId: village?.townId ?? defaultTownId, sort: village?.sort ?? 0 });
  }

  const rules = {
    name: fieldRule(checkStationText('村（社区）名称', VILLAGE_NAME_MAX, '请填写村（社区）名称')),
    townId: fieldRule(() => (form.townId ? true : '请选择所属镇街')),
    sort: fieldRule(() => {
      const n = Number(form.sort);
      return Number.isInteger(n) && n >= VILLAGE_SORT_RANGE.min && n <= VILLAGE_SORT_RANGE.max
        ? true
        : `排序为 ${VILLAGE_SORT_RANGE.min}–${VILLAGE_SORT_RANGE.max} 的整数`;
    }),
  };

  const createInput = (): CreateVillageInput => ({ name: form.name.trim(), townId: form.townId });

  function updateInput(v: AdminVillage): UpdateVillageInput {
    const input: UpdateVillageInput = {};
    if (form.name.trim() !== v.name) input.name = form.name.trim();
    if (Number(form.sort) !== v.sort) input.sort = Number(form.sort);
    return input;
  }

  function send(changes: UpdateVillageInput | null): Promise<SaveResult<AdminVillage>> {
    const v = editing.value;
    return sendAdminForm({
      saving,
      errors,
      changes,
      update: (c) => api.admin.updateVillage(v!.id, c),
      create: () => api.admin.createVillage(createInput()),
    });
  }

  /** Sends the form; the saved village, 'unchanged', or null when refused (told under the field). */
  const save = () => send(editing.value ? updateInput(editing.value) : null);

  /**
   * 停用 (after a confirmation) or 启用 at once. A name or 排序 edited just before goes with it,
   * so pressing the button does not drop it.
   */
  async function setActive(next: boolean): Promise<SaveResult<AdminVillage>> {
    const v = editing.value;
    if (!v || saving.value) return null;
    if (!next) {
      const ok = await confirmDanger(
        `停用${v.name}`,
        '停用后群众端“群众能找”和联络站的所属地区中不再提供该村（社区）；以往的民情件和记录保留，以后可以再启用。',
        '确认停用',
      );
      if (!ok) return null;
    }
    return send({ ...updateInput(v), active: next });
  }

  return { editing, form, errors, saving, townOptions, townName, rules, open, save, setActive };
}
