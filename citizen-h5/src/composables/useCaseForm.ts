import { computed, nextTick, ref, watch, type Ref } from 'vue';
import { showConfirmDialog, showToast } from 'vant';
import 'vant/es/dialog/style';
import 'vant/es/toast/style';
import { CASE_TYPES, TYPE_LABELS, type CaseDetail, type CaseType } from '@minqing/shared';
import { usePhotoUploads } from '@minqing/h5-common/photos/usePhotoUploads';
import { quietApi } from '../api';
import { useAuthStore } from '../stores/auth';
import { useCaseDraft } from './useCaseDraft';
import { useGeolocation } from './useGeolocation';
import { useOnline } from './useOnline';
import { useSimilarCases } from './useSimilarCases';
import { draftProblems, useSubmitCase } from './useSubmitCase';

const TYPE_HINTS: Record<CaseType, string> = {
  consult: '政策、办事流程等方面的疑问',
  help: '生活中遇到困难，需要帮助解决',
  complaint: '对服务、管理等不满意',
  report: '发现违法违规行为',
  suggestion: '对工作、建设提出意见建议',
};

/** The five types with a line each on when to choose them (for the type picker). */
export const TYPE_CHOICES = CASE_TYPES.map((t) => ({ name: TYPE_LABELS[t], subname: TYPE_HINTS[t], value: t }));

async function scrollToField(field: string) {
  await nextTick();
  document.querySelector(`[data-field="${field}"]`)?.scrollIntoView({ behavior: 'smooth', block: 'center' });
}

/**
 * 码上提, the form as a whole: the draft (kept on the device), its photos, the location,
 * the similar-cases hint, per-field errors, and `send()` — which checks what a person can
 * fix before anything leaves the phone, then submits with the draft's Idempotency-Key.
 */
export function useCaseForm(deputyCode: Ref<string>) {
  const auth = useAuthStore();
  const online = useOnline();
  const { draft, restored, clear } = useCaseDraft(deputyCode.value, auth.user ? { id: auth.user.id, phone: auth.user.phone } : null);
  const uploads = usePhotoUploads(quietApi, { initial: draft.photos, onSaved: (photos) => (draft.photos = photos) });
  const geo = useGeolocation();
  const { submitting, fieldError, submit } = useSubmitCase();
  const { items: similar } = useSimilarCases(
    deputyCode,
    computed(() => draft.body),
    computed(() => auth.signedIn),
  );
  const errors = ref<Record<string, string>>({});

  // A server-side complaint about a field is shown under that field; typing clears them.
  watch(fieldError, (e) => {
    if (e) errors.value = { ...errors.value, [e.field.split('.')[0]!]: e.message };
  });
  watch(
    () => [draft.body, draft.title, draft.contactPhone, draft.anonymous, draft.agreed],
    () => {
      if (Object.keys(errors.value).length) errors.value = {};
    },
  );

  function setType(type: CaseType | undefined) {
    if (type) draft.type = type;
  }

  async function locate() {
    const pos = await geo.locate();
    if (pos) {
      draft.location = pos;
      showToast({ message: '已获取当前位置', position: 'middle' });
    } else {
      showToast({ message: geo.error.value, position: 'middle', duration: 3000 });
    }
  }

  const locationText = computed(() => {
    const loc = draft.location;
    if (!loc) return '';
    return `已定位 ${loc.lat.toFixed(5)}, ${loc.lng.toFixed(5)}${loc.accuracy ? `（约${loc.accuracy}米）` : ''}`;
  });

  function stop(field: string, message: string) {
    errors.value = { ...errors.value, [field]: message };
    showToast({ message, position: 'middle' });
    void scrollToField(field);
    return null;
  }

  /** Checks, then submits; the created case, or null (and the reason was shown). */
  async function send(): Promise<CaseDetail | null> {
    if (submitting.value) return null;
    const problems = draftProblems(draft);
    errors.value = Object.fromEntries(problems.map((p) => [p.field, p.message]));
    if (problems.length) return stop(problems[0]!.field, problems[0]!.message);
    if (uploads.busy.value) {
      showToast({ message: '照片正在上传，请稍候再提交', position: 'middle' });
      return null;
    }
    const retriable = uploads.items.filter((i) => i.status === 'failed' && i.retriable).length;
    if (retriable) {
      const retry = await showConfirmDialog({
        title: '有照片没有传上去',
        message: `${retriable} 张照片上传失败。可以重试上传，或不带这些照片直接提交。`,
        confirmButtonText: '重试上传',
        cancelButtonText: '直接提交',
      })
        .then(() => true)
        .catch(() => false);
      if (retry) {
        uploads.retryAll();
        return null;
      }
    }
    if (!draft.agreed) {
      errors.value = { agreed: '请阅读并同意个人信息保护说明' };
      showToast({ message: '请先阅读并同意《个人信息保护说明》', position: 'middle' });
      void scrollToField('agreed');
      return null;
    }
    if (!online.value) {
      showToast({ message: '网络已断开，内容已保存在本机，联网后再提交', position: 'middle', duration: 3000 });
      return null;
    }
    const created = await submit(
      draft,
      uploads.saved.value.map((p) => p.id),
    );
    if (created) {
      clear();
      uploads.reset();
    }
    return created;
  }

  return { draft, restored, uploads, geo, similar, errors, submitting, locationText, setType, locate, send };
}
