import { computed, reactive, ref, shallowRef } from 'vue';
import type { FieldRule } from 'vant';
import { HOLIDAY_RULES, dayText, type HolidayDay, type HolidayKind } from '@minqing/shared';
import { ApiFailure, api, quietApi } from '../../api';
import { checkDate, checkName, chinaToday, groupHolidays } from './holidayView';

const byDate = (a: HolidayDay, b: HolidayDay) => a.date.localeCompare(b.date);
const same = (a: readonly HolidayDay[], b: readonly HolidayDay[]) =>
  a.length === b.length && a.every((d, i) => d.date === b[i]!.date && d.kind === b[i]!.kind && d.name === b[i]!.name);

/**
 * 节假日安排: one year's 放假 and 调休上班 days as loaded, the list being edited (an admin adds
 * and removes days, then saves the whole year), the add-a-day form with the contract's checks,
 * and a refusal from the server told against the day it names (`days.3.date`).
 */
export function useHolidays() {
  const thisYear = Number(chinaToday().slice(0, 4));
  /** This year, next year (whose notice comes out around now) and the year after. */
  const years = [thisYear, thisYear + 1, thisYear + 2];
  const year = ref(thisYear);
  const state = ref<'loading' | 'ok' | 'error'>('loading');
  const loadError = ref('');
  const saved = shallowRef<HolidayDay[]>([]);
  const days = ref<HolidayDay[]>([]);
  const saving = ref(false);
  /** The server's refusal of the last save, and the day it is about. */
  const saveError = ref<{ message: string; date?: string } | null>(null);

  const groups = computed(() => groupHolidays(days.value));
  const dirty = computed(() => !same(days.value, saved.value));
  const hasWorkdays = computed(() => days.value.some((d) => d.kind === 'workday'));
  const holidayCount = computed(() => days.value.filter((d) => d.kind === 'holiday').length);
  const full = computed(() => days.value.length >= HOLIDAY_RULES.maxDays);

  let loading = 0;
  async function load(y = year.value) {
    const mine = ++loading;
    year.value = y;
    state.value = 'loading';
    saveError.value = null;
    try {
      const cal = await quietApi.settings.holidays(y);
      if (mine !== loading) return;
      saved.value = [...cal.days].sort(byDate);
      days.value = [...saved.value];
      state.value = 'ok';
    } catch (err) {
      if (mine !== loading) return;
      loadError.value = err instanceof ApiFailure ? err.message : '加载失败，请稍后重试';
      state.value = 'error';
    }
  }

  function remove(date: string) {
    days.value = days.value.filter((d) => d.date !== date);
    if (saveError.value?.date === date) saveError.value = null;
  }

  /** Sends the whole year; true once the server has it. */
  async function save(): Promise<boolean> {
    if (saving.value) return false;
    saving.value = true;
    saveError.value = null;
    const sent = days.value;
    try {
      const cal = await api.settings.putHolidays(year.value, { days: sent.map((d) => ({ date: d.date, kind: d.kind, name: d.name })) });
      saved.value = [...cal.days].sort(byDate);
      days.value = [...saved.value];
      return true;
    } catch (err) {
      // toasted by the client; a refused day is also named on the page
      if (err instanceof ApiFailure && err.status === 400) {
        const i = /^days\.(\d+)(\.|$)/.exec(err.field ?? '')?.[1];
        const day = i === undefined ? undefined : sent[Number(i)];
        saveError.value = { message: day ? `${dayText(day.date)}：${err.message}` : err.message, date: day?.date };
      }
      return false;
    } finally {
      saving.value = false;
    }
  }

  // ---- the add-a-day form ----
  const form = reactive({ date: '', kind: 'holiday' as HolidayKind, name: '' });
  const taken = computed(() => days.value.map((d) => d.date));
  const rules = {
    // the field shows “2月20日（周六）”; the check reads the date itself
    date: [{ validator: () => checkDate(form.date, form.kind, year.value, taken.value) }] satisfies FieldRule[],
    name: [{ validator: (v: string) => checkName(v) }] satisfies FieldRule[],
  };

  /** A fresh form; the name is kept from the last day added (days of one festival come together). */
  function startAdding() {
    form.date = '';
    form.kind = 'holiday';
  }

  /** Adds the form's day to the list (the form has been validated). */
  function add() {
    days.value = [...days.value, { date: form.date, kind: form.kind, name: form.name.trim() }].sort(byDate);
  }

  return {
    years,
    year,
    state,
    loadError,
    days,
    groups,
    dirty,
    hasWorkdays,
    holidayCount,
    full,
    saving,
    saveError,
    load,
    remove,
    save,
    form,
    rules,
    startAdding,
    add,
  };
}
