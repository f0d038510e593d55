// @vitest-environment happy-dom
/**
 * The citizen app's submit form without a browser: what stops a submission and what it says
 * (formerly asserted only through Playwright), the draft kept on the device, one Idempotency-Key
 * per draft through retries, and `send()` as a whole. The API is a stand-in.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope, nextTick, ref } from 'vue';
import { createPinia, setActivePinia } from 'pinia';
import { AxiosError, AxiosHeaders } from 'axios';

const create = vi.fn();
const similar = vi.fn();
vi.mock('../../citizen-h5/src/api', async () => {
  const client = { cases: { create, similar } };
  const errors = await import('../../h5-common/src/api/errors');
  return { api: client, quietApi: client, toApiFailure: errors.toApiFailure, ApiFailure: errors.ApiFailure };
});
const toasts: string[] = [];
vi.mock('vant', async (original) => ({
  ...(await original<typeof import('vant')>()),
  showToast: (o: string | { message: string }) => void toasts.push(typeof o === 'string' ? o : o.message),
}));

const { draftProblems, toCaseInput, useSubmitCase } = await import('../../citizen-h5/src/composables/useSubmitCase');
const { useCaseDraft } = await import('../../citizen-h5/src/composables/useCaseDraft');
const { useCaseForm } = await import('../../citizen-h5/src/composables/useCaseForm');
type Draft = import('../../citizen-h5/src/composables/useCaseDraft').CaseDraft;

const BODY = '独山港镇全塘社区的健身器材损坏了三件，请安排维修。';
const draftOf = (over: Partial<Draft> = {}): Draft => ({
  v: 1,
  deputyCode: 'D007',
  userId: 'u1',
  type: 'help',
  title: '',
  body: BODY,
  contactPhone: '13857310009',
  anonymous: false,
  location: null,
  address: '',
  photos: [],
  agreed: true,
  idempotencyKey: 'key-1',
  updatedAt: 0,
  ...over,
});
const httpError = (status: number | null, data?: unknown) => {
  const config = { headers: new AxiosHeaders() };
  return new AxiosError(
    'x',
    'ERR',
    config as never,
    null,
    status === null ? undefined : ({ status, data, headers: {}, config, statusText: '' } as never),
  );
};

beforeEach(() => {
  localStorage.clear();
  toasts.length = 0;
  create.mockReset();
  similar.mockReset();
  setActivePinia(createPinia());
});
afterEach(() => vi.useRealTimers());

describe('draftProblems', () => {
  it('should point at what is missing, in the order a person fixes it, and pass a complete draft', () => {
    expect(draftProblems(draftOf({ body: '太短了' }))).toEqual([{ field: 'body', message: '请详细描述问题，至少10个字' }]);
    expect(draftProblems(draftOf({ body: '字'.repeat(2001) }))[0]!.message).toBe('反映内容最多2000个字');
    expect(draftProblems(draftOf({ title: '题'.repeat(61) }))).toEqual([{ field: 'title', message: '标题最多60个字' }]);
    expect(draftProblems(draftOf({ contactPhone: '12345' }))).toEqual([{ field: 'contactPhone', message: '请输入正确的11位手机号码' }]);
    expect(draftProblems(draftOf({ contactPhone: '' }))).toEqual([{ field: 'contactPhone', message: '请填写联系电话，方便代表与您联系' }]);
    expect(draftProblems(draftOf({ contactPhone: '', anonymous: true }))).toEqual([]);
    expect(draftProblems(draftOf())).toEqual([]);
  });

  it('should send a typed address as the location when there are no coordinates', () => {
    expect(toCaseInput(draftOf({ address: ' 虹霓社区3幢旁 ', title: ' 增设充电点 ' }), ['p1'])).toEqual({
      deputyCode: 'D007',
      type: 'help',
      title: '增设充电点',
      body: BODY,
      contactPhone: '13857310009',
      anonymous: false,
      location: { address: '虹霓社区3幢旁' },
      photoIds: ['p1'],
    });
    expect(toCaseInput(draftOf({ location: { lat: 30.7, lng: 121.1, accuracy: 12 } }), []).location).toEqual({ lat: 30.7, lng: 121.1 });
  });
});

describe('useCaseDraft', () => {
  it('should write the draft a moment after typing, restore it with its key, and start afresh after clear', async () => {
    vi.useFakeTimers();
    const scope = effectScope();
    const first = scope.run(() => useCaseDraft('D021', { id: 'u1', phone: '13857310002' }))!;
    expect(first.restored).toBe(false);
    expect(first.draft.contactPhone).toBe('13857310002');
    first.draft.body = '建议增设电动自行车集中充电点。';
    first.draft.address = '虹霓社区3幢旁';
    await nextTick();
    expect(localStorage.getItem('mq.citizen.draft.D021')).toBeNull(); // not on every keystroke
    vi.advanceTimersByTime(300);
    const key = first.draft.idempotencyKey;
    scope.stop();

    const again = effectScope().run(() => useCaseDraft('D021', { id: 'u1', phone: '13857310002' }))!;
    expect(again.restored).toBe(true);
    expect(again.draft).toMatchObject({ body: '建议增设电动自行车集中充电点。', address: '虹霓社区3幢旁', idempotencyKey: key });
    again.clear();
    expect(localStorage.getItem('mq.citizen.draft.D021')).toBeNull();
    const next = effectScope().run(() => useCaseDraft('D021', null))!;
    expect(next.draft.body).toBe('');
    expect(next.draft.idempotencyKey).not.toBe(key);
  });

  it('should not hand one user’s photos to another user on the same phone', () => {
    localStorage.setItem(
      'mq.citizen.draft.D001',
      JSON.stringify(draftOf({ deputyCode: 'D001', userId: 'u1', photos: [{ id: 'p1' }] as never })),
    );
    const { draft } = effectScope().run(() => useCaseDraft('D001', { id: 'u2', phone: '13900000000' }))!;
    expect(draft.photos).toEqual([]);
    expect(draft.contactPhone).toBe('13900000000');
    expect(draft.body).toBe(BODY);
  });
});

describe('useSubmitCase', () => {
  it('should retry a lost answer with the same key, and let a second tap join the first', async () => {
    vi.useFakeTimers();
    create.mockRejectedValueOnce(httpError(null)).mockResolvedValueOnce({ id: 'c1' });
    const { submit, submitting } = useSubmitCase();
    const draft = draftOf();
    const one = submit(draft, []);
    const two = submit(draft, []);
    expect(two).toBe(one);
    expect(submitting.value).toBe(true);
    await vi.runAllTimersAsync();
    expect(await one).toEqual({ id: 'c1' });
    expect(create.mock.calls.map((c) => c[1])).toEqual(['key-1', 'key-1']);
    expect(submitting.value).toBe(false);
  });

  it('should show the server’s complaint under its field, and give an edited draft a key of its own', async () => {
    create.mockRejectedValueOnce(
      httpError(400, { error: { code: 'invalid_input', message: '联系电话格式不正确', field: 'contactPhone' } }),
    );
    const { submit, fieldError } = useSubmitCase();
    expect(await submit(draftOf(), [])).toBeNull();
    expect(fieldError.value).toEqual({ field: 'contactPhone', message: '联系电话格式不正确' });
    expect(toasts).toEqual(['联系电话格式不正确']);

    create.mockRejectedValueOnce(
      httpError(422, { error: { code: 'idempotency_key_reused', message: '该内容已提交过，请勿重复提交', field: undefined } }),
    );
    const draft = draftOf();
    await submit(draft, []);
    expect(draft.idempotencyKey).not.toBe('key-1');
  });
});

describe('useCaseForm.send', () => {
  function form(code = 'D003') {
    return effectScope().run(() => useCaseForm(ref(code)))!;
  }

  it('should point at what is missing instead of sending an incomplete form', async () => {
    const f = form();
    f.draft.body = '太短了';
    await nextTick(); // typing comes before the tap: its watcher clears old errors first
    expect(await f.send()).toBeNull();
    expect(f.errors.value.body).toBe('请详细描述问题，至少10个字');
    expect(toasts.at(-1)).toBe('请详细描述问题，至少10个字');

    f.draft.body = '曹桥街道马厩村村道有多处坑洼，雨天积水严重。';
    f.draft.contactPhone = '12345';
    await nextTick();
    await f.send();
    expect(f.errors.value).toEqual({ contactPhone: '请输入正确的11位手机号码' });

    f.draft.contactPhone = '13857310009';
    await nextTick();
    await f.send();
    expect(f.errors.value).toEqual({ agreed: '请阅读并同意个人信息保护说明' });
    expect(toasts.at(-1)).toBe('请先阅读并同意《个人信息保护说明》');
    expect(create).not.toHaveBeenCalled();
  });

  it('should keep the draft and say so when the phone is offline', async () => {
    const f = form();
    Object.assign(f.draft, { body: BODY, contactPhone: '13857310009', agreed: true });
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    window.dispatchEvent(new Event('offline'));
    try {
      expect(await f.send()).toBeNull();
      expect(toasts.at(-1)).toBe('网络已断开，内容已保存在本机，联网后再提交');
      expect(create).not.toHaveBeenCalled();
    } finally {
      Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => true });
    }
  });

  it('should send a complete draft with its key and then forget it', async () => {
    create.mockResolvedValue({ id: 'c9', trackingNo: 'MQ1' });
    const f = form('D007');
    Object.assign(f.draft, { body: BODY, contactPhone: '13857310009', agreed: true });
    const key = f.draft.idempotencyKey;
    expect(await f.send()).toEqual({ id: 'c9', trackingNo: 'MQ1' });
    expect(create).toHaveBeenCalledWith(expect.objectContaining({ deputyCode: 'D007', body: BODY }), key);
    expect(localStorage.getItem('mq.citizen.draft.D007')).toBeNull();
  });
});
