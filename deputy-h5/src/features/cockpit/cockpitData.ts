import { computed, onBeforeUnmount, onMounted, reactive, ref, shallowRef, watch } from 'vue';
import { EXPORT_MAX_ROWS } from '@minqing/shared';
import type {
  ApiClient,
  Breakdown,
  CaseSummary,
  DeputyDuty,
  Hotspots,
  LatestCases,
  OverdueList,
  Stages,
  StatsMetric,
  StatsOverview,
  StatsQuery,
  Trend,
  UnitRanking,
} from '@minqing/shared';
import type { Kpi } from './cockpitMetrics';

export type PeriodPreset = 'month' | 'quarter' | 'year' | '12m' | 'custom';
export const PERIOD_LABELS: Record<PeriodPreset, string> = {
  month: '本月',
  quarter: '本季度',
  year: '今年',
  '12m': '近12个月',
  custom: '自定义',
};

/** Refresh every 30 s while the page is visible (and at once when it becomes visible again). */
export const REFRESH_MS = 30_000;

const DAY = 86_400_000;
/** Today in China time, YYYY-MM-DD. */
export const todayCst = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

export function periodOf(preset: PeriodPreset, custom: { from: string; to: string }): { from: string; to: string } {
  const to = todayCst();
  switch (preset) {
    case 'month':
      return { from: `${to.slice(0, 7)}-01`, to };
    case 'quarter': {
      const m = Number(to.slice(5, 7));
      const q = Math.floor((m - 1) / 3) * 3 + 1;
      return { from: `${to.slice(0, 4)}-${String(q).padStart(2, '0')}-01`, to };
    }
    case 'year':
      return { from: `${to.slice(0, 4)}-01-01`, to };
    case '12m':
      return { from: addDays(to, -364), to };
    case 'custom':
      return custom;
  }
}

/** Days for a month or a quarter, weeks up to about half a year, months beyond. */
export function granularityFor(from: string, to: string): 'day' | 'week' | 'month' {
  const days = (Date.parse(to) - Date.parse(from)) / DAY + 1;
  return days <= 45 ? 'day' : days <= 200 ? 'week' : 'month';
}

export interface Drill {
  open: boolean;
  title: string;
  metric: StatsMetric;
  lists: [StatsMetric, string, number][];
  query: Partial<StatsQuery>;
  items: CaseSummary[];
  total: number;
  page: number;
  loading: boolean;
  error: string;
}

/** The lists behind a group of cases (a town, a category): 收件, 未办结, 超期. */
export const groupLists = (g: { received: number; open: number; overdue: number }): [StatsMetric, string, number][] => [
  ['received', '收件', g.received],
  ['open', '未办结', g.open],
  ['overdue', '超期', g.overdue],
];

/**
 * Everything the cockpit shows, for one period and set of filters, refreshed live (30 s poll)
 * from the stats API with the caller's own scope. Both the phone page and the big screen use it.
 */
export function useCockpit(api: ApiClient, options: { preset?: PeriodPreset; withHotspots?: boolean } = {}) {
  const preset = ref<PeriodPreset>(options.preset ?? 'year');
  const custom = reactive({ from: `${todayCst().slice(0, 4)}-01-01`, to: todayCst() });
  const filters = reactive<{ regionId: string; categoryId: string; unitId: string; deputyCode: string }>({
    regionId: '',
    categoryId: '',
    unitId: '',
    deputyCode: '',
  });
  const period = computed(() => periodOf(preset.value, custom));
  const granularity = computed(() => granularityFor(period.value.from, period.value.to));
  const query = computed<Partial<StatsQuery>>(() => {
    const q: Partial<StatsQuery> = { ...period.value };
    for (const [k, v] of Object.entries(filters)) if (v) (q as Record<string, string>)[k] = v;
    return q;
  });

  const overview = shallowRef<StatsOverview | null>(null);
  const trend = shallowRef<Trend | null>(null);
  const categories = shallowRef<Breakdown | null>(null);
  const towns = shallowRef<Breakdown | null>(null);
  const units = shallowRef<UnitRanking | null>(null);
  const deputies = shallowRef<DeputyDuty | null>(null);
  const overdue = shallowRef<OverdueList | null>(null);
  const stages = shallowRef<Stages | null>(null);
  const latest = shallowRef<LatestCases | null>(null);
  const hotspots = shallowRef<Hotspots | null>(null);
  const loading = ref(false);
  const error = ref('');
  const updatedAt = ref<Date | null>(null);
  /** When the figures were last read, hh:mm:ss, or — before that. */
  const updatedTime = computed(() => (updatedAt.value ? updatedAt.value.toTimeString().slice(0, 8) : '—'));

  let generation = 0;
  async function load() {
    const g = ++generation;
    loading.value = true;
    const q = query.value;
    try {
      const [o, t, c, tw, u, d, od, st, lt] = await Promise.all([
        api.stats.overview(q),
        api.stats.trend({ ...q, granularity: granularity.value }),
        api.stats.categories(q),
        api.stats.towns(q),
        api.stats.units(q),
        api.stats.deputies(q),
        api.stats.overdue({ ...q, pageSize: 50 }),
        api.stats.stages(q),
        api.stats.latest({ ...q, limit: 10 }),
      ]);
      if (g !== generation) return; // a newer request (filters changed) wins
      overview.value = o;
      trend.value = t;
      categories.value = c;
      towns.value = tw;
      units.value = u;
      deputies.value = d;
      overdue.value = od;
      stages.value = st;
      latest.value = lt;
      error.value = '';
      updatedAt.value = new Date();
    } catch (err) {
      if (g === generation) error.value = err instanceof Error && err.message ? `数据加载失败：${err.message}` : '数据加载失败，请稍后重试';
    } finally {
      if (g === generation) loading.value = false;
    }
    if (options.withHotspots !== false) {
      // rising terms read every case text of nine weeks: asked apart, so they never hold up the figures
      api
        .hotspots(filters.regionId ? { regionId: filters.regionId } : {})
        .then((h) => (hotspots.value = h))
        .catch(() => undefined);
    }
  }

  watch(query, () => void load());

  let timer: ReturnType<typeof setInterval> | undefined;
  const onVisible = () => {
    if (document.visibilityState === 'visible') void load();
  };
  onMounted(() => {
    void load();
    timer = setInterval(() => {
      if (document.visibilityState !== 'hidden') void load();
    }, REFRESH_MS);
    document.addEventListener('visibilitychange', onVisible);
  });
  onBeforeUnmount(() => {
    clearInterval(timer);
    document.removeEventListener('visibilitychange', onVisible);
  });

  // ---- drill-down: the cases behind a figure
  const drill = reactive<Drill>({
    open: false,
    title: '',
    metric: 'received',
    lists: [],
    query: {},
    items: [],
    total: 0,
    page: 1,
    loading: false,
    error: '',
  });
  async function fetchDrill(reset: boolean) {
    drill.loading = true;
    drill.error = '';
    try {
      const page = reset ? 1 : drill.page + 1;
      const r = await api.stats.cases({ ...drill.query, metric: drill.metric, page, pageSize: 20 });
      drill.items = reset ? r.items : [...drill.items, ...r.items];
      drill.total = r.total;
      drill.page = page;
    } catch {
      drill.error = '列表加载失败，请重试';
    } finally {
      drill.loading = false;
    }
  }
  /** Opens the list of cases behind a figure; `extra` narrows it (a category, a town, a bucket of the trend). */
  function openDrill(title: string, lists: [StatsMetric, string, number][], extra: Partial<StatsQuery> = {}) {
    drill.title = title;
    drill.lists = lists;
    drill.metric = lists[0]![0];
    drill.query = { ...query.value, ...extra };
    drill.items = [];
    drill.total = lists[0]![2];
    drill.open = true;
    void fetchDrill(true);
  }
  function switchDrill(metric: StatsMetric) {
    drill.metric = metric;
    drill.items = [];
    void fetchDrill(true);
  }
  const loadMoreDrill = () => fetchDrill(false);
  /** The cases behind a figure of 码上评 (its lists as cockpitMetrics defines them). */
  function drillKpi(k: Pick<Kpi, 'label' | 'lists'>) {
    if (overview.value) openDrill(k.label, k.lists(overview.value));
  }
  type Lists<T> = (item: T) => [StatsMetric, string, number][];
  /** The cases of one bucket (a day, week or month) of the trend, picked on its chart; `lists` as the page shows them. */
  function drillBucket(index: number, lists: Lists<NonNullable<typeof trend.value>['buckets'][number]>) {
    const b = trend.value?.buckets[index];
    if (b) openDrill(`${b.label} 的民情件`, lists(b), { from: b.from, to: b.to });
  }
  /** The cases of a category picked on a chart by its name (未分类 is no category to filter by). */
  function drillCategory(name: string, lists: Lists<NonNullable<typeof categories.value>['items'][number]>) {
    const c = categories.value?.items.find((x) => x.name === name);
    if (c?.id) openDrill(c.name, lists(c), { categoryId: c.id });
  }
  /** The cases of a town picked on a chart by its name. */
  function drillTown(name: string) {
    const t = towns.value?.items.find((x) => x.name === name);
    if (t) openDrill(t.name, groupLists(t), { regionId: t.id });
  }

  // ---- 台账: the filtered ledger as .xlsx
  const exporting = ref(false);
  async function exportLedger(): Promise<string> {
    // the ledger is the cases behind 收件: too many for one file is said here, in words, before
    // asking (a download's error body comes back as a Blob, which the app's client cannot read)
    const received = overview.value?.received ?? 0;
    if (received > EXPORT_MAX_ROWS) {
      throw new Error(
        `共 ${received.toLocaleString('zh-CN')} 件，超过单次导出上限 ${EXPORT_MAX_ROWS.toLocaleString('zh-CN')} 件，请缩小时间范围或增加筛选条件`,
      );
    }
    exporting.value = true;
    try {
      const r = await api.stats.exportLedger(query.value, 'blob');
      const url = URL.createObjectURL(r.data as Blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = r.filename;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      return `已导出 ${r.rows} 件`;
    } finally {
      exporting.value = false;
    }
  }

  return {
    preset,
    custom,
    filters,
    period,
    granularity,
    query,
    overview,
    trend,
    categories,
    towns,
    units,
    deputies,
    overdue,
    stages,
    latest,
    hotspots,
    loading,
    error,
    updatedAt,
    updatedTime,
    load,
    drill,
    openDrill,
    switchDrill,
    loadMoreDrill,
    drillKpi,
    drillBucket,
    drillCategory,
    drillTown,
    exporting,
    exportLedger,
  };
}
export type Cockpit = ReturnType<typeof useCockpit>;
