import {
  intRule,
  orEmpty,
  pickedRule,
  unitRules,
  UNIT_KINDS,
  UNIT_KIND_LABELS,
  UNIT_NAME_MAX,
  type AdminUnit,
  type UnitKind,
} from '@minqing/shared';
import { api } from '../../../api';
import { useReferenceStore } from '../../../stores/reference';
import { changed, useAdminForm, type FieldSpec } from './useAdminForm';

/** 排序's bounds in the form (the contract allows up to 1,000,000; a county has a few dozen units). */
export const UNIT_SORT_RANGE = { min: 0, max: 9999 } as const;

type UnitValues = { id: string; name: string; kind: UnitKind | ''; regionId: string; sort: number | string; active: boolean };

/** 承办单位's form: a new unit (id, name, kind, region) or changes to one (rename, 排序, 停用). */
export function useUnitForm() {
  const ref$ = useReferenceStore();
  /** A town government's town; a department none; another organ the city if any. */
  const regionOptions = (kind: UnitKind | '') => [
    ...(kind === 'town' ? [] : [{ value: '', text: '不设所属地区' }]),
    ...ref$.regions
      .filter((r) => (kind === 'town' ? r.kind === 'town' : r.kind !== 'village'))
      .map((r) => ({ value: r.id, text: r.name, label: r.kind === 'city' ? '市' : '镇（街道）' })),
  ];
  return useAdminForm<AdminUnit, UnitValues>(
    {
      name: 'unit',
      noun: '承办单位',
      note: unitNote,
      load: () => ref$.load(),
      blank: (u, d) => ({
        id: u?.id ?? '',
        name: u?.name ?? '',
        kind: u?.kind ?? d.kind ?? '',
        regionId: u?.regionId ?? '',
        sort: u?.sort ?? 0,
        active: u?.active ?? true,
      }),
      createInput: (v) => ({
        ...(v.id.trim() ? { id: v.id.trim() } : {}),
        name: v.name.trim(),
        kind: v.kind,
        ...(v.regionId ? { regionId: v.regionId } : {}),
      }),
      updateInput: (v, u) => changed(v, u, ['name', 'sort', 'active']),
      create: api.admin.createUnit,
      update: (u, changes) => api.admin.updateUnit(u.id, changes),
    },
    ({ form, editing }): FieldSpec[] => [
      {
        key: 'id',
        label: '单位编号',
        kind: 'text',
        locked: true,
        placeholder: '留空则自动编号（如 u-001）',
        max: 32,
        rule: orEmpty(unitRules.id),
      },
      {
        key: 'name',
        label: '单位名称',
        kind: 'text',
        placeholder: '如 市综合行政执法局',
        max: UNIT_NAME_MAX,
        required: true,
        rule: unitRules.name,
      },
      {
        key: 'kind',
        label: '类别',
        kind: 'picker',
        title: '选择单位类别',
        placeholder: '请选择单位类别',
        display: form.kind ? UNIT_KIND_LABELS[form.kind] : '',
        ...(editing
          ? {}
          : {
              required: true,
              rule: pickedRule('请选择单位类别（部门、镇街或其他机关）'),
              options: UNIT_KINDS.map((k) => ({ value: k, text: UNIT_KIND_LABELS[k] })),
            }),
        pick: (k) => {
          form.kind = k as UnitKind;
          // a town government belongs to a town; another kind keeps a region only if it still fits
          if (!regionOptions(form.kind).some((o) => o.value === form.regionId)) form.regionId = '';
        },
      },
      {
        key: 'regionId',
        label: '所属地区',
        kind: 'picker',
        title: '选择所属地区',
        placeholder: editing ? '无' : form.kind === 'town' ? '请选择镇（街道）' : '选填',
        display: form.regionId ? (ref$.regions.find((r) => r.id === form.regionId)?.name ?? editing?.regionName ?? form.regionId) : '',
        ...(editing
          ? {}
          : {
              required: form.kind === 'town',
              rule: () => (form.kind !== 'town' || form.regionId ? true : '镇街单位须选择所属镇（街道）'),
            }),
        ...(editing ? {} : { options: regionOptions(form.kind) }),
      },
      ...(editing
        ? ([
            {
              key: 'sort',
              label: '排序',
              kind: 'stepper',
              range: UNIT_SORT_RANGE,
              rule: () => intRule(UNIT_SORT_RANGE)(String(form.sort)),
            },
            {
              key: 'active',
              label: '在用',
              kind: 'switch',
              hint: form.active ? '' : `停用${editing.active ? '，保存后生效' : ''}`,
              confirm: {
                when: false,
                title: '停用该单位',
                message: '停用后交办时不再提供该单位，系统也不再推荐；已交办给它的民情件照常由它办理，统计数据保留。',
                button: '确认停用',
              },
            },
          ] satisfies FieldSpec[])
        : []),
    ],
  );
}
const unitNote = (u: AdminUnit | null) =>
  u?.defaultFor.length
    ? {
        text: `${u.defaultFor.map((c) => c.name).join('、')}的默认承办单位；停用前须先在“分类与默认承办单位”中改选。`,
        testid: 'unit-default-for',
      }
    : { text: '单位编号和类别保存后不能修改。停用的单位不再接收新交办，已交办的民情件照常办理。' };
