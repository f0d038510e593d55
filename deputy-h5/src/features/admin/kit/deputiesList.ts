import { computed, ref } from 'vue';
import { useRouter } from 'vue-router';
import { showDialog } from 'vant';
import 'vant/es/dialog/style';
import type { Deputy } from '@minqing/shared';
import { quietApi } from '../../../api';
import { useDeputyForm } from './deputies';
import { useRegions } from './regions';
import { flatList, matches, placeSaved, useAllRecords, type AdminList, type ListRow } from './useAdminList';

const STATUS_OPTIONS = [
  { text: '全部状态', value: '' },
  { text: '在任', value: 'in' },
  { text: '不再履职', value: 'out' },
];

/**
 * 代表名册 (office of the city or a town, admin): the deputies of the caller's region, in office or
 * not; tap one to correct it or mark 不再履职, 新增代表 to add a newly elected one (then offered
 * their QR poster).
 */
export function useDeputiesList(): AdminList {
  const { ref$, auth, find, within } = useRegions();
  const router = useRouter();
  const { all, loading, failed, load } = useAllRecords(async () => (await quietApi.admin.deputies()).items, ref$);
  const q = ref('');
  const regionId = ref('');
  const status = ref<'' | 'in' | 'out'>('');

  const row = (d: Deputy): ListRow => ({
    key: d.code,
    item: d,
    name: d.name,
    muted: !d.inOffice,
    tags: [{ text: d.levelLabel, plain: true }, ...(d.inOffice ? [] : [{ text: '不再履职', testid: 'not-in-office-tag' }])],
    lines: [{ text: [d.regionName, d.stationName].filter(Boolean).join(' · ') }, { text: `${d.code} · ${d.constituency}` }],
    attrs: { 'data-code': d.code },
  });
  const rows = computed(() => {
    const needle = q.value.trim().toLowerCase();
    const region = find(regionId.value);
    const inRegion = (id: string) => !region || id === region.id || find(id)?.parentId === region.id;
    return all.value
      .filter(
        (d) =>
          inRegion(d.regionId) &&
          (!status.value || d.inOffice === (status.value === 'in')) &&
          matches(needle, [d.name, d.code, d.constituency, d.stationName, d.regionName]),
      )
      .map(row);
  });

  return {
    name: 'deputy',
    title: '代表名册',
    noun: '代表',
    addLabel: '新增代表',
    searchPlaceholder: '姓名、编号、选区或联络站',
    q,
    filters: computed(() => [
      {
        kind: 'dropdown',
        model: regionId,
        // the towns (and the city) the caller's deputies are in
        options: [
          { text: '全部地区', value: '' },
          ...ref$.regions.filter((r) => r.kind !== 'village' && within(r.id)).map((r) => ({ text: r.name, value: r.id })),
        ],
        testid: 'region-filter',
      },
      { kind: 'dropdown', model: status, options: STATUS_OPTIONS, testid: 'status-filter' },
    ]),
    loading,
    failed,
    load,
    ...flatList(rows, (n) => `共 ${n} 位代表`),
    form: useDeputyForm(),
    defaults: () => ({ regionId: regionId.value || (auth.role === 'office' ? (auth.user?.regionId ?? '') : '') }),
    saved: async (d: Deputy, created: boolean) => {
      placeSaved(all, d, created, (a, b) => a.code === b.code);
      if (!created) return;
      const poster = await showDialog({
        title: '已新增代表',
        message: `${d.name}的代表编号为 ${d.code}，专属二维码已生成，可在账号管理中为其开通账号。`,
        confirmButtonText: '查看二维码海报',
        showCancelButton: true,
        cancelButtonText: '完成',
      }).then(
        () => true,
        () => false,
      );
      if (poster) void router.push({ name: 'poster', query: { code: d.code } });
    },
  };
}
