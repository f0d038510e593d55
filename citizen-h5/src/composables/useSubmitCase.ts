import { ref } from 'vue';
import { showToast } from 'vant';
import 'vant/es/toast/style';
import { MOBILE_PATTERN, type CaseDetail, type CreateCaseInput } from '@minqing/shared';
import { quietApi, toApiFailure } from '../api';
import { newIdempotencyKey } from '../utils/idempotencyKey';
import type { CaseDraft } from './useCaseDraft';

export const BODY_MIN = 10;
export const BODY_MAX = 2000;
export const TITLE_MAX = 60;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The place as typed, when there are no coordinates, goes with the text (the API's location needs lat/lng). */
export function composeBody(draft: Pick<CaseDraft, 'body'>): string {
  return draft.body.trim();
}

export function toCaseInput(draft: CaseDraft, photoIds: string[]): CreateCaseInput {
  const address = draft.address.trim();
  const phone = draft.contactPhone.trim();
  return {
    deputyCode: draft.deputyCode,
    type: draft.type,
    ...(draft.title.trim() ? { title: draft.title.trim() } : {}),
    body: composeBody(draft),
    ...(phone ? { contactPhone: phone } : {}),
    anonymous: draft.anonymous,
    // a GPS position, a typed address, or both
    ...(draft.location
      ? { location: { lat: draft.location.lat, lng: draft.location.lng, ...(address ? { address: address.slice(0, 200) } : {}) } }
      : address
        ? { location: { address: address.slice(0, 200) } }
        : {}),
    ...(photoIds.length ? { photoIds } : {}),
  };
}

/** Problems that stop a submission, in the order a person would fix them; empty when fine. */
export function draftProblems(draft: CaseDraft): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const body = draft.body.trim();
  if (body.length < BODY_MIN) problems.push({ field: 'body', message: `请详细描述问题，至少${BODY_MIN}个字` });
  else if (composeBody(draft).length > BODY_MAX) problems.push({ field: 'body', message: `反映内容最多${BODY_MAX}个字` });
  if (draft.title.trim().length > TITLE_MAX) problems.push({ field: 'title', message: `标题最多${TITLE_MAX}个字` });
  const phone = draft.contactPhone.trim();
  if (phone && !MOBILE_PATTERN.test(phone)) problems.push({ field: 'contactPhone', message: '请输入正确的11位手机号码' });
  if (!phone && !draft.anonymous) problems.push({ field: 'contactPhone', message: '请填写联系电话，方便代表与您联系' });
  return problems;
}

/**
 * Sends the draft as a case. The draft's Idempotency-Key goes with every attempt, so a double
 * tap, an automatic retry after a dropped connection or a later manual retry all name the
 * same case: the server answers the first one again instead of making a second.
 */
export function useSubmitCase() {
  const submitting = ref(false);
  const fieldError = ref<{ field: string; message: string } | null>(null);
  let inFlight: Promise<CaseDetail | null> | null = null;

  async function run(draft: CaseDraft, photoIds: string[]): Promise<CaseDetail | null> {
    submitting.value = true;
    fieldError.value = null;
    const input = toCaseInput(draft, photoIds);
    const key = draft.idempotencyKey;
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          return await quietApi.cases.create(input, key);
        } catch (err) {
          const failure = toApiFailure(err);
          if (failure.retriable && attempt < 3 && navigator.onLine !== false) {
            await sleep(800 * attempt);
            continue;
          }
          if (failure.status === 401) return null; // sign-in is asked for; the draft stays
          // the key already named a case with other content (answer lost, then the draft edited):
          // that case stands; the edited draft gets a key of its own for the citizen's next submit
          if (failure.code === 'idempotency_key_reused') draft.idempotencyKey = newIdempotencyKey();
          if (failure.field) fieldError.value = { field: failure.field, message: failure.message };
          showToast({
            message: failure.retriable ? `${failure.message}。内容已保存在本机，可稍后再提交` : failure.message,
            position: 'middle',
            duration: 3500,
          });
          return null;
        }
      }
    } finally {
      submitting.value = false;
    }
  }

  /** At most one submission runs at a time; a second tap joins the first. */
  function submit(draft: CaseDraft, photoIds: string[]): Promise<CaseDetail | null> {
    inFlight ??= run(draft, photoIds).finally(() => {
      inFlight = null;
    });
    return inFlight;
  }

  return { submitting, fieldError, submit };
}
