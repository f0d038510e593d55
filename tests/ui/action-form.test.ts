// @vitest-environment happy-dom
/**
 * ActionForm, mounted with the real Vant components: what each action's form shows (the
 * assign form's suggested unit and 办理时限, the extension's limit, a reply under review) and
 * what 确认 sends or refuses to send. The API is a stand-in; toasts and dialogs are recorded.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { DEFAULT_LIMITS, type CaseAction, type CaseDetail, type Suggestions } from '@minqing/shared';

const transition = vi.fn();
const limits = vi.fn();
const reference = {
  units: vi.fn(async () => ({
    items: [
      { id: 'zjj', name: '住建局', active: true },
      { id: 'jtj', name: '交通局', active: true },
      { id: 'old', name: '旧单位', active: false },
    ],
  })),
  categories: vi.fn(async () => ({ items: [{ id: 'road', name: '道路交通', defaultUnitId: 'jtj' }] })),
  regions: vi.fn(async () => ({ items: [], stations: [] })),
};
vi.mock('../../deputy-h5/src/api', () => {
  const client = { cases: { transition }, settings: { limits }, reference, uploads: {} };
  return { api: client, quietApi: client };
});
const toasts: string[] = [];
const dialogs: string[] = [];
vi.mock('vant', async (original) => ({
  ...(await original<typeof import('vant')>()),
  showToast: (o: string | { message: string }) => void toasts.push(typeof o === 'string' ? o : o.message),
  showDialog: async (o: { message: string }) => void dialogs.push(o.message),
}));
const { default: ActionForm } = await import('../../deputy-h5/src/features/cases/ActionForm.vue');

const detail = (over: Partial<CaseDetail> = {}) =>
  ({
    id: 'c1',
    type: 'help',
    categoryId: null,
    replyDueAt: '2026-05-20T09:00:00.000Z',
    extensionPendingDays: null,
    pendingReply: null,
    ...over,
  }) as CaseDetail;
const suggestions = (over: Partial<Suggestions> = {}) =>
  ({
    needsReview: false,
    categories: [{ id: 'road', name: '道路交通', score: 0.8 }],
    units: [{ id: 'zjj', name: '住建局', score: 0.72 }],
    similar: [],
    ...over,
  }) as Suggestions;

async function open(action: CaseAction, props: { detail?: CaseDetail; suggestions?: Suggestions | null } = {}) {
  const wrapper = mount(ActionForm, {
    props: { action: null, detail: props.detail ?? detail(), suggestions: props.suggestions ?? null },
    attachTo: document.body,
  });
  await wrapper.setProps({ action });
  await flushPromises();
  return wrapper;
}
const form = (action: string) => document.querySelector(`[data-form="${action}"]`)!;
const input = (action: string, field: string) => (form(action).querySelector(`[data-field="${field}"] input`) as HTMLInputElement).value;
const submit = async (action: string) => {
  (form(action).querySelector('[data-testid="action-submit"]') as HTMLButtonElement).click();
  await flushPromises();
};

beforeEach(() => {
  setActivePinia(createPinia());
  document.body.innerHTML = '';
  toasts.length = 0;
  dialogs.length = 0;
  transition.mockReset();
  limits.mockReset().mockResolvedValue({
    ...DEFAULT_LIMITS,
    signWorkingDays: 1,
    replyWorkingDays: { ...DEFAULT_LIMITS.replyWorkingDays, help: 10 },
    maxExtensionWorkingDays: 15,
  });
});

describe('ActionForm', () => {
  it('should preselect the classifier’s unit for 交办, mark it 推荐, and show the time limits in working days', async () => {
    await open('assign', { suggestions: suggestions() });
    expect(input('assign', 'unit')).toBe('住建局');
    expect(form('assign').querySelector('[data-field="unit"]')!.textContent).toContain('推荐');
    expect(input('assign', 'category')).toBe('道路交通');
    expect(form('assign').querySelector('[data-field="due"]')!.textContent).toMatch(/1 个工作日内签收，10 个工作日内答复/);

    transition.mockResolvedValue({
      ...detail(),
      unitName: '住建局',
      signDueAt: '2026-05-08T09:00:00.000Z',
      replyDueAt: '2026-05-21T09:00:00.000Z',
    });
    await submit('assign');
    expect(transition).toHaveBeenCalledWith('c1', { action: 'assign', unitId: 'zjj', categoryId: 'road' });
    expect(dialogs[0]).toMatch(/^承办单位：住建局\n签收期限：.+\n答复期限：.+/);
  });

  it('should offer only the units in use for 交办 (a stopped unit is no longer picked)', async () => {
    await open('assign', { suggestions: suggestions() });
    (form('assign').querySelector('[data-field="unit"]') as HTMLElement).click();
    await flushPromises();
    const offered = [...document.querySelectorAll('.van-picker-column__item')].map((e) => e.textContent ?? '');
    expect(offered.some((t) => t.includes('交通局'))).toBe(true);
    expect(offered.some((t) => t.includes('旧单位'))).toBe(false);
  });

  it('should put the unit and the type picked in the pickers into the form and send them', async () => {
    await open('assign', { suggestions: suggestions() });
    const pick = async (field: string, option: string) => {
      (form('assign').querySelector(`[data-field="${field}"]`) as HTMLElement).click();
      await flushPromises();
      const item = [...document.querySelectorAll('.van-picker-column__item')].find((e) => e.textContent?.includes(option));
      (item as HTMLElement).click();
      await flushPromises();
      (document.querySelector('.van-picker__confirm') as HTMLElement).click();
      await flushPromises();
    };
    await pick('unit', '交通局');
    expect(input('assign', 'unit')).toBe('交通局');
    await pick('type', '建议');
    expect(input('assign', 'type')).toBe('建议');
    transition.mockResolvedValue({
      ...detail(),
      unitName: '交通局',
      signDueAt: '2026-05-08T09:00:00.000Z',
      replyDueAt: '2026-05-21T09:00:00.000Z',
    });
    await submit('assign');
    expect(transition).toHaveBeenCalledWith('c1', expect.objectContaining({ action: 'assign', unitId: 'jtj', type: 'suggestion' }));
  });

  it('should ask a person to choose when the classifier is unsure, falling back to the category’s default unit', async () => {
    await open('assign', { detail: detail({ categoryId: 'road' }), suggestions: suggestions({ needsReview: true }) });
    expect(form('assign').querySelector('[data-field="needs-review"]')!.textContent).toContain('待人工判断');
    expect(input('assign', 'unit')).toBe('交通局');
    expect(form('assign').querySelector('[data-field="unit"]')!.textContent).not.toContain('推荐');
  });

  it('should refuse a 不予受理 without a reason, before any request', async () => {
    await open('reject');
    await submit('reject');
    expect(toasts).toEqual(['请填写不予受理的理由']);
    expect(transition).not.toHaveBeenCalled();
    const note = form('reject').querySelector('[data-field="note"] textarea') as HTMLTextAreaElement;
    note.value = '不属于人大代表联系群众的范围';
    note.dispatchEvent(new Event('input'));
    transition.mockResolvedValue(detail());
    await submit('reject');
    expect(transition).toHaveBeenCalledWith('c1', { action: 'reject', note: '不属于人大代表联系群众的范围' });
    expect(toasts.at(-1)).toBe('已不予受理');
  });

  it('should offer an extension up to the most the admin allows, and show a pending one to the office', async () => {
    await open('request_extension');
    expect(form('request_extension').querySelector('[data-field="days"]')!.textContent).toContain('最多 15 个');
    expect(form('request_extension').textContent).toContain('2026-05-20');
    const wrapper = await open('approve_extension', { detail: detail({ extensionPendingDays: 6 }) });
    expect(form('approve_extension').textContent).toContain('6 个工作日');
    wrapper.unmount();
  });

  it('should show the unit’s reply under review, and say a reply waits for review when the server holds it', async () => {
    await open('approve_reply', {
      detail: detail({ pendingReply: { unitName: '住建局', text: '路灯已于本周修复。' } as CaseDetail['pendingReply'] }),
    });
    expect(form('approve_reply').querySelector('[data-field="pending-reply"]')!.textContent).toContain('住建局的答复');
    expect(form('approve_reply').textContent).toContain('路灯已于本周修复。');

    document.body.innerHTML = '';
    await open('reply');
    const note = form('reply').querySelector('[data-field="note"] textarea') as HTMLTextAreaElement;
    note.value = '已安排维修，本周内完成。';
    note.dispatchEvent(new Event('input'));
    transition.mockResolvedValue(detail({ pendingReply: { unitName: '住建局', text: '…' } as CaseDetail['pendingReply'] }));
    await submit('reply');
    expect(transition).toHaveBeenCalledWith('c1', { action: 'reply', note: '已安排维修，本周内完成。', photoIds: [] });
    expect(toasts.at(-1)).toBe('答复已提交，待人大审核');
  });
});
