import { computed, markRaw, reactive, ref } from 'vue';
import type { AdminStation } from '@minqing/shared';
import { quietApi } from '../../../api';
import { useRegions } from './regions';
import StationQrDialog from './StationQrDialog.vue';
import { useStationForm } from './stations';
import { flatList, matches, placeSaved, stoppableRow, useAllRecords, type AdminList } from './useAdminList';

/**
 * 联络站 (office of the city or a town, admin): the caller's region's liaison stations, open or
 * stopped, with their 接待日; tap one to correct it or 停用, 新增联络站 when one opens (its
 * check-in QR code is shown at once).
 */
export function useStationsList(): AdminList {
  const { ref$, auth, find, townOf, towns } = useRegions();
  const { all, loading, failed, load } = useAllRecords(async () => (await quietApi.admin.stations()).items, ref$);
  const q = ref('');
  const regionId = ref('');
  const qr = reactive({ station: null as AdminStation | null, close: () => void (qr.station = null) });

  /** The station's town and, for a village's station, the village. */
  const place = (s: AdminStation) => {
    const town = find(townOf(s.regionId))?.name;
    return town && town !== s.regionName ? `${town} · ${s.regionName}` : s.regionName;
  };
  const row = (s: AdminStation) =>
    stoppableRow(s, '停用', [
      { text: `${place(s)} · ${s.deputies}位在任代表` },
      { text: s.address },
      { text: `接待日：${s.receptionDays}`, testid: 'station-days' },
    ]);
  const rows = computed(() => {
    const needle = q.value.trim().toLowerCase();
    return all.value
      .filter(
        (s) =>
          (!regionId.value || townOf(s.regionId) === regionId.value) &&
          matches(needle, [s.name, s.id, s.address, s.receptionDays, s.regionName]),
      )
      .map(row);
  });

  return {
    name: 'station',
    title: '联络站',
    noun: '联络站',
    addLabel: '新增联络站',
    searchPlaceholder: '名称、地址或接待日',
    q,
    filters: computed(() => [
      {
        kind: 'dropdown',
        model: regionId,
        options: [{ text: '全部地区', value: '' }, ...towns.value.map((r) => ({ text: r.name, value: r.id }))],
        testid: 'region-filter',
      },
    ]),
    loading,
    failed,
    load,
    ...flatList(rows, (n) => `共 ${n} 个联络站`),
    form: useStationForm(),
    /** A town's office adds in its own town. */
    defaults: () => ({
      regionId: regionId.value || (auth.role === 'office' && find(auth.user?.regionId)?.kind === 'town' ? auth.user!.regionId! : ''),
    }),
    saved: (s: AdminStation, created: boolean) => {
      placeSaved(all, s, created, (a, b) => a.id === b.id);
      // the deputy form's station picker and the names elsewhere read the store
      void ref$.reload().catch(() => undefined);
      if (created) qr.station = s;
    },
    extra: { component: markRaw(StationQrDialog), props: { qr } },
  };
}
