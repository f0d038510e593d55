import { computed, markRaw } from 'vue';
import { intRule, pickedRule, villageRules, VILLAGE_NAME_MAX, VILLAGE_SORT_RANGE, type AdminVillage } from '@minqing/shared';
import { api } from '../../../api';
import { useRegions } from './regions';
import { changed, useAdminForm, type FieldSpec } from './useAdminForm';
import VillageActiveField from './VillageActiveField.vue';

type VillageValues = { id: string; name: string; townId: string; sort: number | string };

/** 村（社区）'s form: a new village (name, town) or changes to one (rename, 排序); 停用 / 启用 is a button that saves at once. */
export function useVillageForm() {
  const { ref$, towns } = useRegions();
  const townOptions = computed(() => towns.value.map((t) => ({ value: t.id, text: t.name })));
  return useAdminForm<AdminVillage, VillageValues>(
    {
      name: 'village',
      noun: '村（社区）',
      load: () => ref$.load(),
      blank: (v, d) => ({ id: v?.id ?? '', name: v?.name ?? '', townId: v?.townId ?? d.townId ?? '', sort: v?.sort ?? 0 }),
      createInput: (v) => ({ name: v.name.trim(), townId: v.townId }),
      updateInput: (v, village) => changed(v, village, ['name', 'sort']),
      create: api.admin.createVillage,
      update: (v, changes) => api.admin.updateVillage(v.id, changes),
      note: (v) =>
        v?.stations
          ? {
              text: `有${v.stations}个联络站服务本村（社区）；停用前须先在“联络站”中为它们改选所属地区或停用。`,
              testid: 'village-stations',
            }
          : v
            ? { text: '编号和所属镇街保存后不能修改。停用的村（社区）不再出现在群众端和联络站的地区选择中。' }
            : { text: '保存后自动编号，排在本镇街其他村（社区）之后；编辑时可调整排序。' },
    },
    ({ form, editing }): FieldSpec[] => [
      {
        key: 'name',
        label: '名称',
        kind: 'text',
        placeholder: '如 东湖社区、通界村',
        max: VILLAGE_NAME_MAX,
        required: true,
        rule: villageRules.name,
      },
      {
        key: 'townId',
        label: '所属镇街',
        kind: 'picker',
        title: '选择所属镇街',
        placeholder: '请选择镇（街道）',
        display: form.townId ? (towns.value.find((t) => t.id === form.townId)?.name ?? editing?.townName ?? form.townId) : '',
        ...(editing ? {} : { options: townOptions.value, required: true, rule: pickedRule('请选择所属镇街') }),
      },
      ...(editing
        ? ([
            { key: 'id', label: '编号', kind: 'text', locked: true },
            {
              key: 'sort',
              label: '排序',
              kind: 'stepper',
              range: VILLAGE_SORT_RANGE,
              rule: () => intRule(VILLAGE_SORT_RANGE)(String(form.sort)),
            },
            { key: 'active', label: '状态', kind: 'custom', component: markRaw(VillageActiveField) },
          ] satisfies FieldSpec[])
        : []),
    ],
  );
}
