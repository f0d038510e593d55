import { readJson } from '@minqing/h5-common/storage';

/** Where a deputy's unsent draft lives on this device (one per deputy). */
export const draftKey = (deputyCode: string) => `mq.citizen.draft.${deputyCode}`;

/** Whether this device holds an unsent draft for the deputy (cheap: for the landing page's button). */
export function hasSavedDraft(deputyCode: string): boolean {
  const d = readJson<{ body?: string; title?: string; photos?: unknown[] }>(draftKey(deputyCode));
  return Boolean(d && ((d.body ?? '').trim() || (d.title ?? '').trim() || d.photos?.length));
}
