import { computed, onBeforeUnmount, onMounted, ref, watch, type Ref } from 'vue';
// ECharts, tree-shaken: only the chart types and components the cockpit draws, on canvas.
// This module is imported only by the cockpit pages, which the router loads lazily.
import { init, use, type ComposeOption, type ECharts } from 'echarts/core';
import {
  BarChart,
  GaugeChart,
  LineChart,
  PieChart,
  type BarSeriesOption,
  type GaugeSeriesOption,
  type LineSeriesOption,
  type PieSeriesOption,
} from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([LineChart, BarChart, PieChart, GaugeChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<
  | LineSeriesOption
  | BarSeriesOption
  | PieSeriesOption
  | GaugeSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
>;

/** A rate as the charts draw it: a percentage to one decimal; a gap where there was nothing to divide by. */
export const ratePercent = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

/** A rate over time on a trend chart's second (percent) axis. */
export const rateLine = (name: string, rates: (number | null)[], color: string, more: LineSeriesOption = {}): LineSeriesOption => ({
  name,
  type: 'line',
  yAxisIndex: 1,
  smooth: true,
  ...more,
  data: rates.map(ratePercent),
  itemStyle: { color },
});

export interface ChartClick {
  seriesName?: string;
  name: string;
  dataIndex: number;
}

/**
 * One chart in `el`, drawn from `option` and redrawn when it changes; resized with its box;
 * disposed with the component. `onClick` gets the clicked item (for drill-down).
 */
export function useChart(el: Ref<HTMLElement | null>, option: Ref<ChartOption | null>, onClick?: (e: ChartClick) => void, theme?: 'dark') {
  let chart: ECharts | null = null;
  let observer: ResizeObserver | null = null;
  let host: HTMLElement | null = null;
  const dispose = () => {
    observer?.disconnect();
    observer = null;
    chart?.dispose();
    chart = null;
    host = null;
  };
  const draw = () => {
    // the element may come and go (v-if): a chart belongs to one element
    if (el.value !== host) dispose();
    if (!el.value || !option.value) return;
    if (!chart) {
      host = el.value;
      chart = init(host, theme ?? null, { renderer: 'canvas' });
      if (onClick) chart.on('click', (e) => onClick({ seriesName: e.seriesName, name: String(e.name), dataIndex: e.dataIndex }));
      if (typeof ResizeObserver !== 'undefined') {
        observer = new ResizeObserver(() => chart?.resize());
        observer.observe(host);
      }
    }
    chart.setOption(option.value, { notMerge: true });
  };
  onMounted(draw);
  // after the DOM update, so an element shown by the same change exists
  watch([el, option], draw, { flush: 'post' });
  onBeforeUnmount(dispose);
}

/**
 * A chart of `data`, drawn by `build` once the data is there (and redrawn when it changes);
 * returns the ref for the chart's element (`ref="…"` in the template).
 */
export function useChartOf<T>(data: Ref<T | null>, build: (data: T) => ChartOption, onClick?: (e: ChartClick) => void) {
  const el = ref<HTMLElement | null>(null);
  useChart(
    el,
    computed(() => (data.value ? build(data.value) : null)),
    onClick,
  );
  return el;
}
