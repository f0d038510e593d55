import { computed } from 'vue';
import { pickedRule, orEmpty, stationRules, STATION_LIMITS, type AdminStation } from '@minqing/shared';
import { api } from '../../../api';
import type { PickOption } from '../../../ui/pickOption';
import { REGION_KIND_LABELS, useRegions } from './regions';
import { changed, useAdminForm } from './useAdminForm';

type StationValues = { id: string; name: string; regionId: string; address: string; receptionDays: string; active: boolean };

/** 联络站's form: a new station (id, name, region, address, 接待日) or changes to one, 停用 included. */
export function useStationForm() {
  const { ref$, find, within } = useRegions();
  /** The towns (and their villages) of the caller's region. */
  const regionOptions = computed<PickOption[]>(() =>
    ref$.regions
      .filter((r) => r.kind !== 'city' && within(r.id))
      .map((r) => ({
        value: r.id,
        text: r.name,
        label: r.kind === 'village' ? `${find(r.parentId)?.name ?? ''} · ${REGION_KIND_LABELS[r.kind]}` : REGION_KIND_LABELS[r.kind],
      })),
  );
  return useAdminForm<AdminStation, StationValues>(
    {
      name: 'station',
      noun: '联络站',
      load: () => ref$.load(),
      blank: (s, d) => ({
        id: s?.id ?? '',
        name: s?.name ?? '',
        regionId: s?.regionId ?? d.regionId ?? '',
        address: s?.address ?? '',
        receptionDays: s?.receptionDays ?? '',
        active: s?.active ?? true,
      }),
      createInput: (v) => ({
        ...(v.id.trim() ? { id: v.id.trim() } : {}),
        name: v.name.trim(),
        regionId: v.regionId,
        address: v.address.trim(),
        receptionDays: v.receptionDays.trim(),
      }),
      updateInput: (v, s) => changed(v, s, ['name', 'regionId', 'address', 'receptionDays', 'active']),
      create: api.admin.createStation,
      update: (s, changes) => api.admin.updateStation(s.id, changes),
      note: (s) =>
        s?.deputies
          ? { text: `本站有${s.deputies}位在任代表；停用前须先在“代表名册”中为他们改选联络站。`, testid: 'station-deputies' }
          : { text: '编号保存后不能修改（进站二维码含编号）。接待日显示在群众端的代表名片上。' },
    },
    ({ form, editing }) => [
      {
        key: 'id',
        label: '编号',
        kind: 'text',
        locked: true,
        placeholder: '留空则自动编号（如 st-001）',
        max: 32,
        rule: orEmpty(stationRules.id),
      },
      {
        key: 'name',
        label: '名称',
        kind: 'text',
        placeholder: '如 东湖社区代表之家',
        max: STATION_LIMITS.name,
        required: true,
        rule: stationRules.name,
      },
      {
        key: 'regionId',
        label: '所属地区',
        kind: 'picker',
        placeholder: '请选择镇（街道）或村（社区）',
        display: form.regionId ? (find(form.regionId)?.name ?? editing?.regionName ?? form.regionId) : '',
        options: regionOptions.value,
        required: true,
        rule: pickedRule('请选择所属地区'),
      },
      {
        key: 'address',
        label: '地址',
        kind: 'text',
        placeholder: '如 平湖市当湖街道东湖路8号',
        max: STATION_LIMITS.address,
        required: true,
        rule: stationRules.address,
      },
      {
        key: 'receptionDays',
        label: '接待日',
        kind: 'text',
        placeholder: '如 每月15日上午',
        max: STATION_LIMITS.receptionDays,
        required: true,
        rule: stationRules.receptionDays,
      },
      ...(editing
        ? [
            {
              key: 'active',
              label: '在用',
              kind: 'switch' as const,
              hint: form.active ? '' : `停用${editing.active ? '，保存后生效' : ''}`,
              confirm: {
                when: false,
                title: '停用该联络站',
                message: '停用后群众端和代表名册不再提供该联络站，扫码进站签到将被拒绝；已在此的代表资料和以往进站记录保留。',
                button: '确认停用',
              },
            },
          ]
        : []),
    ],
  );
}
