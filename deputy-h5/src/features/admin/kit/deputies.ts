import { computed, markRaw } from 'vue';
import {
  DEPUTY_LEVELS,
  DEPUTY_LIMITS,
  LEVEL_LABELS,
  deputyRules,
  nameRule,
  orEmpty,
  pickedRule,
  type Deputy,
  type DeputyLevel,
} from '@minqing/shared';
import { api } from '../../../api';
import { useReferenceStore } from '../../../stores/reference';
import type { PickOption } from '../../../ui/pickOption';
import DeputyPhotoField from './DeputyPhotoField.vue';
import { changed, useAdminForm, type FieldSpec } from './useAdminForm';
import { useDeputyPhoto, type DeputyPhoto } from './useDeputyPhoto';

type DeputyValues = {
  code: string;
  name: string;
  level: DeputyLevel | '';
  regionId: string;
  stationId: string;
  constituency: string;
  bio: string;
  inOffice: boolean;
  photoId: string | null | undefined;
};
const LEVEL_OPTIONS: PickOption[] = DEPUTY_LEVELS.map((l) => ({ value: l, text: LEVEL_LABELS[l] }));

/** 代表名册's form: a new deputy or changes to one, the photo and 不再履职 included. */
export function useDeputyForm() {
  const ref$ = useReferenceStore();
  /** A deputy belongs to the city or to a town (villages roll up to their town). */
  const regionOptions = computed<PickOption[]>(() =>
    ref$.regions
      .filter((r) => r.kind !== 'village')
      .map((r) => ({ value: r.id, text: r.name, label: r.kind === 'city' ? '市' : '镇（街道）' })),
  );
  /** The region's stations, or its towns' (a city region). */
  const stationOptions = (regionId: string): PickOption[] => {
    const region = ref$.regions.find((r) => r.id === regionId);
    if (!region) return [];
    const inside = (id: string) => id === region.id || ref$.regions.find((r) => r.id === id)?.parentId === region.id;
    return [
      { value: '', text: '不设联络站' },
      ...ref$.stations.filter((s) => inside(s.regionId)).map((s) => ({ value: s.id, text: s.name, label: s.address })),
    ];
  };
  let photo: DeputyPhoto;

  const f = useAdminForm<Deputy, DeputyValues>(
    {
      name: 'deputy',
      noun: '代表',
      createdToast: null,
      load: () => ref$.load(),
      onOpen: (d) => photo.show(d?.photoUrl ?? ''),
      blank: (d, defaults) => ({
        code: d?.code ?? '',
        name: d?.name ?? '',
        level: d?.level ?? '',
        regionId: d?.regionId ?? defaults.regionId ?? '',
        stationId: d?.stationId ?? '',
        constituency: d?.constituency ?? '',
        bio: d?.bio ?? '',
        inOffice: d?.inOffice ?? true,
        photoId: undefined,
      }),
      createInput: (v) => ({
        ...(v.code.trim() ? { code: v.code.trim() } : {}),
        name: v.name.trim(),
        level: v.level,
        regionId: v.regionId,
        ...(v.stationId ? { stationId: v.stationId } : {}),
        constituency: v.constituency.trim(),
        bio: v.bio.trim(),
        ...(v.photoId ? { photoId: v.photoId } : {}),
      }),
      updateInput: (v, d) => ({
        ...changed(v, d, ['name', 'regionId', 'constituency', 'bio', 'inOffice']),
        ...(v.level && v.level !== d.level ? { level: v.level } : {}),
        ...((v.stationId || null) !== d.stationId ? { stationId: v.stationId || null } : {}),
        ...(v.photoId !== undefined ? { photoId: v.photoId } : {}),
      }),
      create: api.admin.createDeputy,
      update: (d, changes) => api.admin.updateDeputy(d.code, changes),
      note: (d) => ({
        text: d
          ? '照片为正面免冠照，保存后群众扫码即可看到。'
          : '照片为正面免冠照，不上传则使用系统生成的头像。新增后即有专属二维码，可在账号管理中为其开通账号。',
      }),
    },
    ({ form, editing }): FieldSpec[] => [
      {
        key: 'code',
        label: '代表编号',
        kind: 'text',
        locked: true,
        placeholder: '留空则自动编号（如 D035）',
        max: 16,
        rule: orEmpty(deputyRules.code),
      },
      { key: 'photoId', label: '照片', kind: 'custom', component: markRaw(DeputyPhotoField), props: { photo } },
      { key: 'name', label: '姓名', kind: 'text', placeholder: '请填写姓名', max: DEPUTY_LIMITS.name, required: true, rule: nameRule },
      {
        key: 'level',
        label: '层级',
        kind: 'picker',
        placeholder: '请选择代表层级',
        display: form.level ? LEVEL_LABELS[form.level] : '',
        options: LEVEL_OPTIONS,
        required: true,
        rule: pickedRule('请选择代表层级（省、嘉兴市、平湖市或镇人大代表）'),
      },
      {
        key: 'regionId',
        label: '所属地区',
        kind: 'picker',
        placeholder: '请选择镇（街道）',
        display: form.regionId
          ? (ref$.regions.find((r) => r.id === form.regionId)?.name ??
            (form.regionId === editing?.regionId ? editing.regionName : form.regionId))
          : '',
        options: regionOptions.value,
        required: true,
        rule: pickedRule('请选择所属地区'),
        pick: (id) => {
          if (id === form.regionId) return;
          form.regionId = id;
          // a station of the previous region does not carry over; a town's only station is picked for it
          const own = stationOptions(id).filter((o) => o.value);
          form.stationId = own.length === 1 ? own[0]!.value : '';
        },
      },
      {
        key: 'stationId',
        label: '联络站',
        kind: 'picker',
        placeholder: form.regionId ? '选填' : '请先选择所属地区',
        display: form.stationId
          ? (ref$.stations.find((s) => s.id === form.stationId)?.name ??
            (form.stationId === editing?.stationId ? editing.stationName : form.stationId) ??
            '')
          : '',
        link: true,
        options: form.regionId ? stationOptions(form.regionId) : undefined,
      },
      {
        key: 'constituency',
        label: '选区',
        kind: 'text',
        placeholder: '如 新埭镇第2选区',
        max: DEPUTY_LIMITS.constituency,
        required: true,
        rule: deputyRules.constituency,
      },
      { key: 'bio', label: '简介', kind: 'textarea', placeholder: '选填，群众扫码后可见', max: DEPUTY_LIMITS.bio, rule: deputyRules.bio },
      ...(editing
        ? [
            {
              key: 'inOffice',
              label: '在任',
              kind: 'switch' as const,
              testid: 'in-office-switch',
              hint: form.inOffice ? '' : `不再履职${editing.inOffice ? '，保存后生效' : ''}`,
              confirm: {
                when: false,
                title: '标记为不再履职',
                message: '标记后群众无法再向该代表提交诉求，扫其二维码会看到“该代表已不再履职”；已有的诉求照常办理。',
                button: '确认标记',
              },
            },
          ]
        : []),
    ],
  );
  photo = useDeputyPhoto(f.form, f.errors, f.editing);
  return f;
}
