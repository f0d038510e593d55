import { computed, reactive, ref } from 'vue';
import { TRANSITIONS, type CaseStatus, type CaseSummary, type Role } from '@minqing/shared';
import { quietApi } from '../../api';

/** The statuses in which `role` may urge (督办) a case, from the shared lifecycle table. */
export function urgeableStatuses(role: Role): ReadonlySet<CaseStatus> {
  return new Set(TRANSITIONS.filter((r) => r.action === 'urge' && r.roles.includes(role)).flatMap((r) => r.from));
}

/**
 * 批量督办: pick cases on a workbench (or all overdue ones on screen) and urge them one by
 * one; the server still checks each (scope, status), and what failed is counted.
 */
export function useBulkUrge(role: () => Role | undefined) {
  const selecting = ref(false);
  const ids = reactive(new Set<string>());
  const running = ref(false);
  const done = ref(0);
  const statuses = computed(() => (role() ? urgeableStatuses(role()!) : new Set<CaseStatus>()));

  const can = (c: CaseSummary) => statuses.value.has(c.status);
  const count = computed(() => ids.size);

  function start() {
    ids.clear();
    selecting.value = true;
  }
  function cancel() {
    ids.clear();
    selecting.value = false;
  }
  function toggle(c: CaseSummary) {
    if (!can(c)) return;
    if (ids.has(c.id)) ids.delete(c.id);
    else ids.add(c.id);
  }
  /** Selects every urgeable case of `items`, or clears the selection when all already are. */
  function toggleAll(items: CaseSummary[]) {
    const targets = items.filter(can);
    if (targets.length > 0 && targets.every((c) => ids.has(c.id))) ids.clear();
    else targets.forEach((c) => ids.add(c.id));
  }

  async function urge(note: string): Promise<{ ok: number; failed: number }> {
    running.value = true;
    done.value = 0;
    let ok = 0;
    let failed = 0;
    const body = note.trim() ? { action: 'urge' as const, note: note.trim() } : { action: 'urge' as const };
    for (const id of [...ids]) {
      try {
        await quietApi.cases.transition(id, body);
        ok++;
      } catch {
        failed++;
      }
      done.value++;
    }
    running.value = false;
    cancel();
    return { ok, failed };
  }

  return { selecting, ids, count, running, done, can, start, cancel, toggle, toggleAll, urge };
}
