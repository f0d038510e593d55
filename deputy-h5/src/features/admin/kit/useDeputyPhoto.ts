import { computed, ref, type Ref } from 'vue';
import { deputyAvatarUrl, type Deputy } from '@minqing/shared';
import { compressImage } from '@minqing/h5-common/photos/compressImage';
import { ApiFailure, quietApi } from '../../../api';

/**
 * A deputy's photo in the form. `photoId` stays undefined (the photo stays), becomes an upload
 * id (the new photo, sent on 保存) or null (back to the generated portrait); `preview` is what
 * the photo row shows.
 */
export function useDeputyPhoto(form: { photoId?: string | null }, errors: Record<string, string | undefined>, editing: Ref<Deputy | null>) {
  const preview = ref('');
  const uploading = ref(false);

  /** Shows `url`, letting go of a picked picture's object URL. */
  function show(url: string) {
    if (preview.value.startsWith('blob:')) URL.revokeObjectURL(preview.value);
    preview.value = url;
  }

  /** Whether the photo shown is an uploaded one (恢复默认头像 is offered) rather than the portrait. */
  const hasOwn = computed(() => (editing.value ? preview.value !== deputyAvatarUrl(editing.value.code) : !!form.photoId));

  /**
   * A picked picture: shrunk (JPEG, at most 480 px: sharp at the QR page's 76 px on a 3× screen
   * and on the A4 poster, yet small on the page citizens open first), uploaded and shown.
   */
  async function pick(file: File) {
    delete errors.photoId;
    uploading.value = true;
    try {
      const { blob } = await compressImage(file, { maxSide: 480 });
      const uploaded = await quietApi.uploads.create(blob, undefined, 'deputy.jpg');
      form.photoId = uploaded.id;
      show(URL.createObjectURL(blob));
    } catch (err) {
      errors.photoId = err instanceof ApiFailure ? err.message : '照片处理失败，请换一张照片';
    } finally {
      uploading.value = false;
    }
  }

  /** The generated portrait again (saved on 保存); nothing to send if that is what the deputy has, or for a new one. */
  function reset() {
    delete errors.photoId;
    const d = editing.value;
    const portrait = d ? deputyAvatarUrl(d.code) : '';
    form.photoId = d && d.photoUrl !== portrait ? null : undefined;
    show(portrait);
  }

  return { preview, uploading, hasOwn, show, pick, reset };
}
export type DeputyPhoto = ReturnType<typeof useDeputyPhoto>;
