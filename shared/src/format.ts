/** Display helpers both apps use (pure: no DOM, no Vant). Times are shown in China Standard Time. */

const CST_OFFSET_MS = 8 * 3600_000;

/** 2026-03-02T02:00:00Z → "2026-03-02 10:00" (Beijing time). */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(Date.parse(iso) + CST_OFFSET_MS);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

export function formatDate(iso: string | null | undefined): string {
  return formatTime(iso).slice(0, 10);
}

export type DueLevel = 'ok' | 'warn' | 'overdue';

/**
 * A countdown to a deadline for the workbenches: red when overdue, amber within 24 h.
 * "剩余 2天3小时" / "剩余 5小时" / "已超期 1天2小时".
 */
export function dueCountdown(dueAt: string | null | undefined, now: Date): { text: string; level: DueLevel } | null {
  if (!dueAt) return null;
  const ms = Date.parse(dueAt) - now.getTime();
  const abs = Math.abs(ms);
  const days = Math.floor(abs / 86_400_000);
  const hours = Math.floor((abs % 86_400_000) / 3_600_000);
  const minutes = Math.max(1, Math.floor((abs % 3_600_000) / 60_000));
  const span = days > 0 ? `${days}天${hours}小时` : hours > 0 ? `${hours}小时` : `${minutes}分钟`;
  if (ms < 0) return { text: `已超期 ${span}`, level: 'overdue' };
  return { text: `剩余 ${span}`, level: ms <= 86_400_000 ? 'warn' : 'ok' };
}
