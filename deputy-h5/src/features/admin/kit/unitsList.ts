import { computed, markRaw, ref, shallowRef } from 'vue';
import { UNIT_KINDS, UNIT_KIND_LABELS, type AdminUnit, type Category, type UnitKind } from '@minqing/shared';
import { quietApi } from '../../../api';
import { useReferenceStore } from '../../../stores/reference';
import UnitCategories from './UnitCategories.vue';
import { useUnitForm } from './units';
import { bySortThenId, matches, placeSaved, stoppableRow, useAllRecords, type AdminList } from './useAdminList';

/**
 * 承办单位与分类 (the city's office, admin): every unit by kind, in use or stopped (tap one to
 * rename or 停用, 新增单位 for a new one); and, in the second tab, each category's default unit.
 */
export function useUnitsList(): AdminList {
  const ref$ = useReferenceStore();
  const categories = shallowRef<Category[]>([]);
  const { all, loading, failed, load } = useAllRecords(async () => {
    const [u, c] = await Promise.all([quietApi.admin.units(), quietApi.reference.categories()]);
    categories.value = c.items;
    return u.items;
  }, ref$);
  const q = ref('');
  const kind = ref<UnitKind | ''>('');

  const row = (u: AdminUnit) =>
    stoppableRow(u, '停用', [
      { text: [u.id, u.regionName].filter(Boolean).join(' · ') },
      ...(u.defaultFor.length ? [{ text: `默认承办：${u.defaultFor.map((c) => c.name).join('、')}` }] : []),
    ]);
  /** Grouped by kind (部门 / 镇街 / 其他机关), narrowed by the kind tab and the search. */
  const groups = computed(() => {
    const needle = q.value.trim().toLowerCase();
    const shown = all.value.filter((u) => (!kind.value || u.kind === kind.value) && matches(needle, [u.name, u.id, u.regionName]));
    return UNIT_KINDS.map((k) => ({
      key: k,
      title: `${UNIT_KIND_LABELS[k]}（${shown.filter((u) => u.kind === k).length}）`,
      attrs: { 'data-kind': k },
      rows: shown.filter((u) => u.kind === k).map(row),
    })).filter((g) => g.rows.length);
  });

  return {
    name: 'unit',
    title: '承办单位',
    noun: '单位',
    addLabel: '新增单位',
    searchPlaceholder: '单位名称、编号或地区',
    q,
    filters: computed(() => [
      {
        kind: 'card-tabs',
        model: kind,
        options: ['', ...UNIT_KINDS].map((k) => ({ value: k, text: k ? UNIT_KIND_LABELS[k as UnitKind] : '全部' })),
        testid: 'kind-tabs',
      },
    ]),
    loading,
    failed,
    load,
    groups,
    total: computed(() => null),
    form: useUnitForm(),
    defaults: () => ({ kind: kind.value }),
    saved: (u: AdminUnit, created: boolean) => {
      placeSaved(all, u, created, (a, b) => a.id === b.id, bySortThenId);
      // the assign picker and the names elsewhere read the store
      void ref$.reload().catch(() => undefined);
    },
    views: {
      testid: 'units-tabs',
      tabs: [
        {
          name: 'categories',
          title: '分类与默认承办单位',
          component: markRaw(UnitCategories),
          props: {
            units: all,
            categories,
            changed: (c: Category, units: AdminUnit[]) => {
              categories.value = categories.value.map((x) => (x.id === c.id ? c : x));
              all.value = units;
            },
          },
        },
      ],
    },
  };
}
