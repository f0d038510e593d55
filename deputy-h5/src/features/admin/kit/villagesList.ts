import { computed, ref } from 'vue';
import type { AdminVillage } from '@minqing/shared';
import { quietApi } from '../../../api';
import { useRegions } from './regions';
import { placeSaved, matches, stoppableRow, useAllRecords, type AdminList, type ListGroup } from './useAdminList';
import { useVillageForm } from './villages';

/**
 * 村（社区） (office of the city or a town, admin): the villages and communities of the caller's
 * towns by town, in use or stopped; tap one to rename, re-order or 停用 it, 新增 when one is founded.
 */
export function useVillagesList(): AdminList {
  const { ref$, towns } = useRegions();
  const { all, loading, failed, load } = useAllRecords(async () => (await quietApi.admin.villages()).items, ref$);
  const q = ref('');
  const townId = ref('');

  const row = (v: AdminVillage) =>
    stoppableRow(v, '已停用', [
      { text: `排序 ${v.sort} · ${v.stations ? `${v.stations}个联络站` : '无联络站'}`, testid: 'village-detail' },
    ]);
  /** Grouped by town (in the server's order), narrowed by the town filter and the search. */
  const groups = computed(() => {
    const needle = q.value.trim().toLowerCase();
    const byTown = new Map<string, ListGroup & { name: string }>();
    for (const v of all.value) {
      if ((townId.value && v.townId !== townId.value) || !matches(needle, [v.name, v.id])) continue;
      const group = byTown.get(v.townId) ?? { key: v.townId, name: v.townName, attrs: { 'data-town': v.townId }, rows: [] };
      group.rows.push(row(v));
      byTown.set(v.townId, group);
    }
    return [...byTown.values()].map((g) => ({ ...g, title: `${g.name}（${g.rows.length}）` }));
  });
  const shown = computed(() => groups.value.reduce((n, g) => n + g.rows.length, 0));
  /** The server's order: town (as GET /api/regions lists them), 排序, then id. */
  const townIndex = (id: string) => ref$.regions.findIndex((r) => r.id === id);
  const byPlace = (a: AdminVillage, b: AdminVillage) =>
    townIndex(a.townId) - townIndex(b.townId) || a.sort - b.sort || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

  return {
    name: 'village',
    title: '村（社区）',
    noun: '村（社区）',
    addLabel: '新增村（社区）',
    searchPlaceholder: '村（社区）名称或编号',
    q,
    // a town's office has one town: no filter to choose from
    filters: computed(() =>
      towns.value.length > 1
        ? [
            {
              kind: 'dropdown',
              model: townId,
              options: [{ text: '全部镇街', value: '' }, ...towns.value.map((t) => ({ text: t.name, value: t.id }))],
              testid: 'town-filter',
            },
          ]
        : [],
    ),
    loading,
    failed,
    load,
    groups,
    total: computed(() => (shown.value ? `共 ${shown.value} 个村（社区）` : null)),
    form: useVillageForm(),
    /** 新增 goes to the town filtered on, or a town's office's own town. */
    defaults: () => ({ townId: townId.value || (towns.value.length === 1 ? towns.value[0]!.id : '') }),
    saved: (v: AdminVillage, created: boolean) => {
      placeSaved(all, v, created, (a, b) => a.id === b.id, byPlace);
      // the station form's region picker and the names elsewhere read the store
      void ref$.reload().catch(() => undefined);
    },
  };
}
