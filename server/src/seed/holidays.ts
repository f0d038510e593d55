import type { DayKind } from '../domain/calendar.js';

interface Span {
  from: string;
  to: string;
  name: string;
}

/**
 * 国务院办公厅关于2026年部分节假日安排的通知: holidays and make-up working days.
 * 2027 is provisional (the statutory festival days only, no make-up days) until an admin
 * enters the State Council's notice in the staff app (系统设置 → 节假日安排); from then on
 * the seed leaves that year alone (seed/reference.ts). See README.
 */
const HOLIDAYS: Span[] = [
  { from: '2026-01-01', to: '2026-01-03', name: '元旦' },
  { from: '2026-02-15', to: '2026-02-23', name: '春节' },
  { from: '2026-04-04', to: '2026-04-06', name: '清明节' },
  { from: '2026-05-01', to: '2026-05-05', name: '劳动节' },
  { from: '2026-06-19', to: '2026-06-21', name: '端午节' },
  { from: '2026-09-25', to: '2026-09-27', name: '中秋节' },
  { from: '2026-10-01', to: '2026-10-07', name: '国庆节' },
  // 2027, provisional
  { from: '2027-01-01', to: '2027-01-03', name: '元旦' },
  { from: '2027-02-05', to: '2027-02-11', name: '春节' },
  { from: '2027-04-03', to: '2027-04-05', name: '清明节' },
  { from: '2027-05-01', to: '2027-05-05', name: '劳动节' },
  { from: '2027-06-09', to: '2027-06-09', name: '端午节' },
  { from: '2027-09-15', to: '2027-09-15', name: '中秋节' },
  { from: '2027-10-01', to: '2027-10-07', name: '国庆节' },
];

const MAKEUP_WORKDAYS: { date: string; name: string }[] = [
  { date: '2026-01-04', name: '元旦调休上班' },
  { date: '2026-02-14', name: '春节调休上班' },
  { date: '2026-02-28', name: '春节调休上班' },
  { date: '2026-05-09', name: '劳动节调休上班' },
  { date: '2026-09-20', name: '国庆节调休上班' },
  { date: '2026-10-10', name: '国庆节调休上班' },
];

export function holidayRows(): { date: string; kind: DayKind; name: string }[] {
  const rows: { date: string; kind: DayKind; name: string }[] = [];
  for (const span of HOLIDAYS) {
    for (let t = Date.parse(`${span.from}T00:00:00Z`); t <= Date.parse(`${span.to}T00:00:00Z`); t += 86_400_000) {
      rows.push({ date: new Date(t).toISOString().slice(0, 10), kind: 'holiday', name: span.name });
    }
  }
  for (const d of MAKEUP_WORKDAYS) rows.push({ date: d.date, kind: 'workday', name: d.name });
  return rows;
}
