import { computed, reactive } from 'vue';
import { showToast } from 'vant';
import 'vant/es/toast/style';
import { MAX_PHOTOS, MAX_UPLOAD_BYTES, type ApiClient } from '@minqing/shared';
import { ApiFailure } from '../api/errors';
import { compressImage } from './compressImage';

/** A photo that is (or was) on its way to the server. */
export interface PhotoItem {
  key: string;
  status: 'compressing' | 'uploading' | 'done' | 'failed';
  /** 0–100 while uploading. */
  progress: number;
  /** What the tile says: "上传中 45%", "点击重试", "照片过大"… */
  message: string;
  /** Shown in the tile: an object URL of the picked file, or the draft's thumbnail. */
  preview: string;
  /** The compressed image, kept for a retry. */
  blob?: Blob;
  /** False when a retry cannot help (the photo is too large or not an image). */
  retriable: boolean;
  thumb: string | null;
  uploadId?: string;
  url?: string;
}

/** An uploaded photo as the draft keeps it. */
export interface SavedPhoto {
  id: string;
  url: string;
  thumb: string | null;
}

const MB = MAX_UPLOAD_BYTES / 1024 / 1024;
const TOO_LARGE = `照片超过 ${MB} MB 且无法压缩，请换一张照片`;
let counter = 0;

/**
 * Picked photos → compressed in the browser (≤1600 px JPEG) → uploaded with progress, at
 * most two at a time; a failed upload is retried by tapping it. `onSaved` hears the list of
 * uploaded photos whenever it changes (the draft keeps it). `client` is the app's API client
 * that does not toast (the tile says what went wrong; this module toasts what needs saying).
 */
export function usePhotoUploads(
  client: Pick<ApiClient, 'uploads'>,
  options: { initial?: SavedPhoto[]; onSaved?: (photos: SavedPhoto[]) => void; max?: number } = {},
) {
  const max = options.max ?? MAX_PHOTOS;
  const items = reactive<PhotoItem[]>(
    (options.initial ?? []).map((p) => ({
      key: `saved-${p.id}`,
      status: 'done',
      progress: 100,
      message: '',
      preview: p.thumb ?? p.url,
      retriable: false,
      thumb: p.thumb,
      uploadId: p.id,
      url: p.url,
    })),
  );
  const queue: PhotoItem[] = [];
  let running = 0;

  const saved = computed<SavedPhoto[]>(() =>
    items.filter((i) => i.status === 'done' && i.uploadId).map((i) => ({ id: i.uploadId!, url: i.url!, thumb: i.thumb })),
  );
  const busy = computed(() => items.some((i) => i.status === 'compressing' || i.status === 'uploading'));
  const failedCount = computed(() => items.filter((i) => i.status === 'failed').length);
  const remaining = computed(() => Math.max(0, max - items.length));

  const notify = () => options.onSaved?.(saved.value);

  function fail(item: PhotoItem, failure: ApiFailure | null, message?: string) {
    item.status = 'failed';
    item.progress = 0;
    if (failure?.status === 413 || message === TOO_LARGE) {
      item.retriable = false;
      item.message = '照片过大';
      showToast({ message: message ?? failure!.message, position: 'middle', duration: 3500 });
    } else if (failure?.status === 415 || failure?.code === 'unsupported_media_type') {
      item.retriable = false;
      item.message = '格式不支持';
      showToast({ message: failure.message, position: 'middle', duration: 3000 });
    } else {
      item.retriable = true;
      item.message = '上传失败\n点击重试';
      if (failure) showToast({ message: failure.message, position: 'middle' });
    }
  }

  async function upload(item: PhotoItem) {
    if (!item.blob) return;
    item.status = 'uploading';
    item.progress = 0;
    item.message = '上传中';
    try {
      const result = await client.uploads.create(
        item.blob,
        (e) => {
          const pct = e.total ? Math.min(99, Math.round((e.loaded / e.total) * 100)) : 0;
          item.progress = pct;
          item.message = `上传中 ${pct}%`;
        },
        'photo.jpg',
      );
      if (!items.includes(item)) return; // removed while uploading
      item.status = 'done';
      item.progress = 100;
      item.message = '';
      item.uploadId = result.id;
      item.url = result.url;
      item.blob = undefined;
      notify();
    } catch (err) {
      if (items.includes(item)) fail(item, err instanceof ApiFailure ? err : null);
    }
  }

  function pump() {
    while (running < 2 && queue.length) {
      const item = queue.shift()!;
      running++;
      void upload(item).finally(() => {
        running--;
        pump();
      });
    }
  }

  async function prepare(item: PhotoItem, file: File) {
    const result = await compressImage(file);
    if (!items.includes(item)) return;
    item.thumb = result.thumb;
    if (result.blob.size > MAX_UPLOAD_BYTES) {
      fail(item, null, TOO_LARGE);
      return;
    }
    item.blob = result.blob;
    queue.push(item);
    pump();
  }

  /** Adds picked files (beyond the limit they are refused with a message). */
  function add(files: File[]) {
    const room = max - items.length;
    if (files.length > room) showToast({ message: `最多上传 ${max} 张照片`, position: 'middle' });
    for (const file of files.slice(0, Math.max(0, room))) {
      const item: PhotoItem = {
        key: `p${++counter}`,
        status: 'compressing',
        progress: 0,
        message: '处理中',
        preview: URL.createObjectURL(file),
        retriable: false,
        thumb: null,
      };
      items.push(item);
      void prepare(items[items.length - 1]!, file);
    }
  }

  function retry(index: number) {
    const item = items[index];
    if (!item || item.status !== 'failed' || !item.retriable) return;
    queue.push(item);
    item.status = 'uploading';
    item.message = '等待上传';
    pump();
  }

  function retryAll() {
    items.forEach((item, i) => item.status === 'failed' && item.retriable && retry(i));
  }

  function remove(index: number) {
    const [item] = items.splice(index, 1);
    if (!item) return;
    if (item.preview.startsWith('blob:')) URL.revokeObjectURL(item.preview);
    const q = queue.indexOf(item);
    if (q >= 0) queue.splice(q, 1);
    notify();
  }

  function reset() {
    items.splice(0).forEach((i) => i.preview.startsWith('blob:') && URL.revokeObjectURL(i.preview));
    queue.length = 0;
  }

  return { items, saved, busy, failedCount, remaining, add, retry, retryAll, remove, reset };
}
export type PhotoUploads = ReturnType<typeof usePhotoUploads>;
