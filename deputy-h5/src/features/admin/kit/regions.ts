import { computed } from 'vue';
import type { Region } from '@minqing/shared';
import { useAuthStore } from '../../../stores/auth';
import { useReferenceStore } from '../../../stores/reference';

export const REGION_KIND_LABELS = { city: '市', town: '镇（街道）', village: '村（社区）' } as const;

/**
 * The regions an admin list works in: the caller's own region (an office's town or city) and
 * what lies under it; an admin has every region. `townOf` rolls a village up to its town.
 */
export function useRegions() {
  const ref$ = useReferenceStore();
  const auth = useAuthStore();
  const find = (id: string | null | undefined) => (id ? ref$.regions.find((r) => r.id === id) : undefined);
  const own = computed(() => (auth.role === 'admin' ? null : (auth.user?.regionId ?? null)));
  /** Whether `id` is the caller's region or lies under it. */
  const within = (id: string): boolean => {
    for (let r = find(id); r; r = find(r.parentId)) if (r.id === own.value) return true;
    return own.value === null;
  };
  const townOf = (id: string) => {
    const r = find(id);
    return r?.kind === 'village' ? (r.parentId ?? id) : id;
  };
  /** The towns of the caller's region: a town's office its own town. */
  const towns = computed<Region[]>(() => ref$.regions.filter((r) => r.kind === 'town' && within(r.id)));
  return { ref$, auth, find, within, townOf, towns };
}
