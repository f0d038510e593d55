import { computed, reactive, ref, shallowRef, watch } from 'vue';
import {
  DEPUTY_CODE_PATTERN,
  DEPUTY_LEVELS,
  DEPUTY_LIMITS,
  LEVEL_LABELS,
  deputyAvatarUrl,
  type CreateDeputyInput,
  type Deputy,
  type DeputyLevel,
  type UpdateDeputyInput,
} from '@minqing/shared';
import { compressImage } from '@minqing/h5-common/photos/compressImage';
import { ApiFailure, api, quietApi } from '../api';
import { confirmDanger, fieldRule, sendAdminForm, type SaveResult } from '../utils/adminForm';
import { useReferenceStore } from '../stores/reference';
import { checkName } from '../utils/accountRules';
import type { PickOption } from './useAccountForm';

/** The fields a server error may name. */
export type DeputyField = 'code' | 'name' | 'level' | 'regionId' | 'stationId' | 'constituency' | 'bio' | 'inOffice' | 'photoId';

/**
 * 代表名册's create / edit form: checks that mirror createDeputySchema / updateDeputySchema
 * (shared/src/admin.ts) with the same messages, only the changes sent, a refusal shown under
 * the field the server names (400, 409), and a confirmation before marking 不再履职. The photo
 * (new or changed) is shrunk in the browser, uploaded at once, and sent as `photoId` on 保存.
 */
export function useDeputyForm() {
  const ref$ = useReferenceStore();
  const editing = shallowRef<Deputy | null>(null);
  const form = reactive({
    code: '',
    name: '',
    level: '' as DeputyLevel | '',
    regionId: '',
    stationId: '',
    constituency: '',
    bio: '',
    inOffice: true,
    /** undefined: the photo stays; an upload id: the new photo; null: back to the generated portrait. */
    photoId: undefined as string | null | undefined,
  });
  /** What the photo row shows: the current photo, a new one not yet saved, or the portrait. */
  const photoPreview = ref('');
  const photoUploading = ref(false);
  const errors = reactive<Partial<Record<DeputyField, string>>>({});
  const saving = ref(false);
  watch(
    () => ({ ...form }),
    (now, before) => {
      for (const k of Object.keys(now) as (keyof typeof form)[]) if (now[k] !== before[k]) delete errors[k];
    },
  );

  const levelOptions: PickOption[] = DEPUTY_LEVELS.map((l) => ({ value: l, text: LEVEL_LABELS[l] }));
  /** A deputy belongs to the city or to a town (villages roll up to their town). */
  const regionOptions = computed<PickOption[]>(() =>
    ref$.regions
      .filter((r) => r.kind !== 'village')
      .map((r) => ({ value: r.id, text: r.name, label: r.kind === 'city' ? '市' : '镇（街道）' })),
  );
  /** The region's stations, or its towns' (a city region). */
  const stationOptions = computed<PickOption[]>(() => {
    const region = ref$.regions.find((r) => r.id === form.regionId);
    if (!region) return [];
    const inside = (regionId: string) => regionId === region.id || ref$.regions.find((r) => r.id === regionId)?.parentId === region.id;
    return [
      { value: '', text: '不设联络站' },
      ...ref$.stations.filter((s) => inside(s.regionId)).map((s) => ({ value: s.id, text: s.name, label: s.address })),
    ];
  });
  const regionName = computed(
    () =>
      ref$.regions.find((r) => r.id === form.regionId)?.name ??
      (form.regionId === editing.value?.regionId ? editing.value.regionName : form.regionId),
  );
  const stationName = computed(() =>
    !form.stationId
      ? ''
      : (ref$.stations.find((s) => s.id === form.stationId)?.name ??
        (form.stationId === editing.value?.stationId ? editing.value.stationName : form.stationId) ??
        ''),
  );

  function clearErrors() {
    for (const k of Object.keys(errors) as DeputyField[]) delete errors[k];
  }

  function open(deputy: Deputy | null, defaultRegionId = '') {
    clearErrors();
    editing.value = deputy;
    Object.assign(form, {
      code: deputy?.code ?? '',
      name: deputy?.name ?? '',
      level: deputy?.level ?? '',
      regionId: deputy?.regionId ?? defaultRegionId,
      stationId: deputy?.stationId ?? '',
      constituency: deputy?.constituency ?? '',
      bio: deputy?.bio ?? '',
      inOffice: deputy?.inOffice ?? true,
      photoId: undefined,
    });
    showPhoto(deputy?.photoUrl ?? '');
  }

  /** Shows `url` in the photo row, letting go of a picked picture's object URL. */
  function showPhoto(url: string) {
    if (photoPreview.value.startsWith('blob:')) URL.revokeObjectURL(photoPreview.value);
    photoPreview.value = url;
  }

  /** Whether the photo shown is an uploaded one (恢复默认头像 is offered) rather than the portrait. */
  const hasOwnPhoto = computed(() => (editing.value ? photoPreview.value !== deputyAvatarUrl(editing.value.code) : !!form.photoId));

  /**
   * A picked picture: shrunk (JPEG, at most 480 px: sharp at the QR page's 76 px on a 3× screen
   * and on the A4 poster, yet small on the page citizens open first), uploaded, shown, and sent
   * as photoId on 保存.
   */
  async function pickPhoto(file: File) {
    delete errors.photoId;
    photoUploading.value = true;
    try {
      const { blob } = await compressImage(file, { maxSide: 480 });
      const uploaded = await quietApi.uploads.create(blob, undefined, 'deputy.jpg');
      form.photoId = uploaded.id;
      showPhoto(URL.createObjectURL(blob));
    } catch (err) {
      errors.photoId = err instanceof ApiFailure ? err.message : '照片处理失败，请换一张照片';
    } finally {
      photoUploading.value = false;
    }
  }

  /** The generated portrait again (saved on 保存); nothing to send if that is what the deputy has, or for a new one. */
  function resetPhoto() {
    delete errors.photoId;
    const d = editing.value;
    const portrait = d ? deputyAvatarUrl(d.code) : '';
    form.photoId = d && d.photoUrl !== portrait ? null : undefined;
    showPhoto(portrait);
  }

  function pickRegion(id: string) {
    if (id === form.regionId) return;
    form.regionId = id;
    // a station of the previous region does not carry over; a town's only station is picked for it
    const own = stationOptions.value.filter((o) => o.value);
    form.stationId = own.length === 1 ? own[0]!.value : '';
  }

  /** Asks before marking 不再履职; back in office needs no confirmation. */
  async function setInOffice(next: boolean) {
    if (!next) {
      const ok = await confirmDanger(
        '标记为不再履职',
        '标记后群众无法再向该代表提交诉求，扫其二维码会看到“该代表已不再履职”；已有的诉求照常办理。',
        '确认标记',
      );
      if (!ok) return;
    }
    form.inOffice = next;
  }

  const rules = {
    code: fieldRule((v) =>
      !v.trim() || DEPUTY_CODE_PATTERN.test(v.trim()) ? true : '代表编号为3–16位大写字母或数字，以字母开头（如 D035）',
    ),
    name: fieldRule(checkName),
    level: fieldRule(() => (form.level ? true : '请选择代表层级（省、嘉兴市、平湖市或镇人大代表）')),
    regionId: fieldRule(() => (form.regionId ? true : '请选择所属地区')),
    constituency: fieldRule((v) =>
      !v.trim() ? '请填写选区' : v.trim().length > DEPUTY_LIMITS.constituency ? `选区最多${DEPUTY_LIMITS.constituency}个字` : true,
    ),
    bio: fieldRule((v) => (v.trim().length > DEPUTY_LIMITS.bio ? `简介最多${DEPUTY_LIMITS.bio}个字` : true)),
  };

  function createInput(): CreateDeputyInput {
    return {
      ...(form.code.trim() ? { code: form.code.trim() } : {}),
      name: form.name.trim(),
      level: form.level as DeputyLevel,
      regionId: form.regionId,
      ...(form.stationId ? { stationId: form.stationId } : {}),
      constituency: form.constituency.trim(),
      bio: form.bio.trim(),
      ...(form.photoId ? { photoId: form.photoId } : {}),
    };
  }

  function updateInput(d: Deputy): UpdateDeputyInput {
    const input: UpdateDeputyInput = {};
    if (form.name.trim() !== d.name) input.name = form.name.trim();
    if (form.level && form.level !== d.level) input.level = form.level;
    if (form.regionId !== d.regionId) input.regionId = form.regionId;
    if ((form.stationId || null) !== d.stationId) input.stationId = form.stationId || null;
    if (form.constituency.trim() !== d.constituency) input.constituency = form.constituency.trim();
    if (form.bio.trim() !== d.bio) input.bio = form.bio.trim();
    if (form.inOffice !== d.inOffice) input.inOffice = form.inOffice;
    if (form.photoId !== undefined) input.photoId = form.photoId;
    return input;
  }

  /** Sends the form; the saved deputy, 'unchanged', or null when refused (told under the field). */
  async function save(): Promise<SaveResult<Deputy>> {
    const d = editing.value;
    return sendAdminForm({
      saving,
      errors,
      changes: d ? updateInput(d) : null,
      update: (changes) => api.admin.updateDeputy(d!.code, changes),
      create: () => api.admin.createDeputy(createInput()),
    });
  }

  return {
    editing,
    form,
    errors,
    saving,
    levelOptions,
    regionOptions,
    stationOptions,
    regionName,
    stationName,
    rules,
    photoPreview,
    photoUploading,
    hasOwnPhoto,
    open,
    pickRegion,
    setInOffice,
    pickPhoto,
    resetPhoto,
    save,
  };
}
