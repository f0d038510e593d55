// @vitest-environment happy-dom
/**
 * The staff app's list composables: a workbench queue (counts, filter, search, paging, a slow
 * answer overtaken), a paged van-list, a page's load state, 批量督办 and the office's pending
 * extensions. The API is a stand-in that answers what each test tells it.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, nextTick } from 'vue';
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import type { CaseListQuery, CaseStatus, CaseSummary } from '@minqing/shared';

const list = vi.fn<(q: CaseListQuery) => Promise<{ items: CaseSummary[]; total: number }>>();
const transition = vi.fn<(id: string, body: unknown) => Promise<unknown>>();
vi.mock('../../deputy-h5/src/api', () => {
  const client = { cases: { list, transition } };
  return { api: client, quietApi: client };
});

const { useCaseQueue } = await import('../../deputy-h5/src/features/cases/useCaseQueue');
const { usePagedList } = await import('../../deputy-h5/src/ui/usePagedList');
const { useLoad } = await import('../../deputy-h5/src/ui/useLoad');
const { useBulkUrge, urgeableStatuses } = await import('../../deputy-h5/src/features/cases/useBulkUrge');
const { usePendingExtensions } = await import('../../deputy-h5/src/features/cases/usePendingExtensions');
const { useNotificationStore } = await import('../../deputy-h5/src/stores/notifications');

const kase = (id: string, status: CaseStatus = 'handling') => ({ id, status }) as CaseSummary;
const flush = () => new Promise((r) => setTimeout(r, 0));
/** A promise the test settles when it wants. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

beforeEach(() => {
  list.mockReset();
  transition.mockReset();
});

describe('useCaseQueue', () => {
  const filters = [
    { key: 'new', label: '待受理', query: { status: 'submitted' } as CaseListQuery },
    { key: 'late', label: '已超期', query: { overdue: 'true' } as CaseListQuery, alarm: true },
  ];

  it('should count every filter, list the chosen one, and page on', async () => {
    list.mockImplementation(async (q) => {
      if (q.pageSize === 1) return { items: [], total: q.status === 'submitted' ? 21 : 3 };
      return { items: Array.from({ length: q.page === 1 ? 20 : 1 }, (_, i) => kase(`${q.page}-${i}`)), total: 21 };
    });
    const queue = useCaseQueue(filters);
    await queue.refresh();
    expect(queue.counts.value).toEqual({ new: 21, late: 3 });
    expect(queue.items.value).toHaveLength(20);
    expect(queue.hasMore.value).toBe(true);
    await queue.load(true);
    expect(queue.items.value).toHaveLength(21);
    expect(queue.hasMore.value).toBe(false);
    expect(list).toHaveBeenLastCalledWith({ status: 'submitted', page: 2, pageSize: 20 });
  });

  it('should search all the user’s cases whatever the tile, and clear the search on another tile', async () => {
    list.mockResolvedValue({ items: [kase('a')], total: 1 });
    const queue = useCaseQueue(filters);
    queue.q.value = ' 路灯 ';
    await queue.load();
    expect(list).toHaveBeenLastCalledWith({ q: '路灯', page: 1, pageSize: 20 });
    expect(queue.searching.value).toBe(true);
    queue.active.value = 'late';
    await nextTick();
    await flush();
    expect(queue.q.value).toBe('');
    expect(list).toHaveBeenLastCalledWith({ overdue: 'true', page: 1, pageSize: 20 });
    expect(queue.searching.value).toBe(false);
  });

  it('should keep the answer to the latest tap when an earlier one arrives later', async () => {
    const slow = deferred<{ items: CaseSummary[]; total: number }>();
    list.mockReturnValueOnce(slow.promise).mockResolvedValueOnce({ items: [kase('late')], total: 1 });
    const queue = useCaseQueue(filters);
    const first = queue.load();
    await queue.load();
    slow.resolve({ items: [kase('early')], total: 1 });
    await first;
    expect(queue.items.value.map((c) => c.id)).toEqual(['late']);
    expect(queue.loading.value).toBe(false);
  });

  it('should show a failed list as failed and a failed count as unknown', async () => {
    list.mockRejectedValue(new Error('offline'));
    const queue = useCaseQueue(filters);
    await queue.refresh();
    expect(queue.failed.value).toBe(true);
    expect(queue.counts.value).toEqual({ new: null, late: null });
  });
});

describe('usePagedList', () => {
  it('should load page after page until the total, and drop an answer from before a reload', async () => {
    const pages = new Map<number, ReturnType<typeof deferred<{ items: number[]; total: number }>>>();
    const paged = usePagedList((page) => {
      const d = deferred<{ items: number[]; total: number }>();
      pages.set(page, d);
      return d.promise;
    });
    const one = paged.load();
    pages.get(1)!.resolve({ items: [1, 2], total: 3 });
    await one;
    expect(paged.finished.value).toBe(false);
    const stale = paged.load(); // page 2 of the old search…
    const fresh = paged.reload(); // …overtaken by a new one
    pages.get(2)!.resolve({ items: [99], total: 3 });
    pages.get(1)!.resolve({ items: [7], total: 1 });
    await Promise.all([stale, fresh]);
    expect(paged.items.value).toEqual([7]);
    expect(paged.finished.value).toBe(true);
    paged.replace(8, (a, b) => a + 1 === b);
    expect(paged.items.value).toEqual([8]);
  });

  it('should say when a page failed', async () => {
    const paged = usePagedList(() => Promise.reject(new Error('500')));
    await paged.load();
    expect(paged.error.value).toBe(true);
    expect(paged.loading.value).toBe(false);
  });
});

describe('useLoad', () => {
  it('should load when the page mounts, and say when it failed until a retry works', async () => {
    let fail = true;
    let state!: ReturnType<typeof useLoad>;
    mount(
      defineComponent({
        setup() {
          state = useLoad(async () => {
            if (fail) throw new Error('500');
          });
          return () => h('div');
        },
      }),
    );
    expect(state.loading.value).toBe(true);
    await flush();
    expect(state.failed.value).toBe(true);
    expect(state.loading.value).toBe(false);
    fail = false;
    await state.load();
    expect(state.failed.value).toBe(false);
  });
});

describe('useBulkUrge', () => {
  it('should let the office select only cases it may urge, all of them at once, or none', () => {
    expect([...urgeableStatuses('deputy')].sort()).toEqual(['assigned', 'handling']);
    const bulk = useBulkUrge(() => 'office');
    const cases = [kase('a', 'handling'), kase('b', 'submitted'), kase('c', 'replied')];
    bulk.start();
    bulk.toggle(cases[2]!); // 已答复: not urgeable
    expect(bulk.count.value).toBe(0);
    bulk.toggleAll(cases);
    expect([...bulk.ids].sort()).toEqual(['a', 'b']);
    bulk.toggleAll(cases);
    expect(bulk.count.value).toBe(0);
    bulk.toggle(cases[0]!);
    bulk.toggle(cases[0]!);
    expect(bulk.count.value).toBe(0);
    expect(useBulkUrge(() => undefined).can(cases[0]!)).toBe(false);
  });

  it('should urge the selected cases one by one and count what failed', async () => {
    transition.mockResolvedValueOnce({}).mockRejectedValueOnce(new Error('409'));
    const bulk = useBulkUrge(() => 'office');
    bulk.start();
    bulk.toggleAll([kase('a'), kase('b')]);
    expect(await bulk.urge(' 请加快 ')).toEqual({ ok: 1, failed: 1 });
    expect(transition).toHaveBeenNthCalledWith(1, 'a', { action: 'urge', note: '请加快' });
    expect(bulk.selecting.value).toBe(false);
    expect(bulk.count.value).toBe(0);
    expect(bulk.done.value).toBe(2);
  });
});

describe('usePendingExtensions', () => {
  it('should list pending extension requests, again when a work notice arrives', async () => {
    setActivePinia(createPinia());
    list.mockResolvedValueOnce({ items: [kase('a')], total: 1 }).mockResolvedValueOnce({ items: [kase('a'), kase('b')], total: 2 });
    const pending = usePendingExtensions();
    await flush();
    expect(list).toHaveBeenCalledWith({ extensionPending: 'true', pageSize: 50 });
    expect(pending.items.value.map((c) => c.id)).toEqual(['a']);
    const notices = useNotificationStore();
    notices.$patch({ items: [] } as never);
    await nextTick();
    await flush();
    expect(pending.items.value.map((c) => c.id)).toEqual(['a', 'b']);
  });
});
