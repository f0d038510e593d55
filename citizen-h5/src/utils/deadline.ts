import { formatTime } from '@minqing/shared';

/**
 * A deadline as people say it: a limit that ends at midnight is "…日 24:00", the end of that
 * day, not "next day 00:00". `short` drops the year.
 */
export function formatDeadline(iso: string | null | undefined, short = false): string {
  if (!iso) return '';
  let text = formatTime(iso);
  if (text.endsWith(' 00:00')) text = `${formatTime(new Date(Date.parse(iso) - 60_000).toISOString()).slice(0, 10)} 24:00`;
  return short ? text.slice(5) : text;
}
