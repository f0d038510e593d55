import { computed, shallowRef } from 'vue';
import type { Region, Station } from '@minqing/shared';
import { quietApi, ApiFailure } from '../api';

export interface RegionOption {
  text: string;
  value: string;
  children?: RegionOption[];
}

/** Suffix of the "whole town" choice in the cascader (towns also have villages to pick). */
export const WHOLE_TOWN = ':all';

let cache: Promise<{ items: Region[]; stations: Station[] }> | null = null;

/** Regions (city → towns/streets → villages/communities) and liaison stations; loaded once a visit. */
export function useRegions() {
  const regions = shallowRef<Region[]>([]);
  const stations = shallowRef<Station[]>([]);
  const failure = shallowRef<ApiFailure | null>(null);
  const loading = shallowRef(false);

  async function load() {
    loading.value = true;
    failure.value = null;
    cache ??= quietApi.reference.regions();
    try {
      const result = await cache;
      regions.value = result.items;
      stations.value = result.stations;
    } catch (err) {
      cache = null;
      failure.value = err instanceof ApiFailure ? err : null;
    } finally {
      loading.value = false;
    }
  }

  const byId = computed(() => new Map(regions.value.map((r) => [r.id, r])));
  const towns = computed(() => regions.value.filter((r) => r.kind === 'town'));

  /** Cascader options: each town, then "全部" or one of its villages/communities. */
  const options = computed<RegionOption[]>(() => {
    const collator = new Intl.Collator('zh-CN');
    return towns.value
      .slice()
      .sort((a, b) => collator.compare(a.name, b.name))
      .map((town) => {
        const villages = regions.value.filter((r) => r.parentId === town.id && r.kind === 'village');
        return {
          text: town.name,
          value: town.id,
          children: [
            { text: `全部（${town.name}）`, value: town.id + WHOLE_TOWN },
            ...villages.sort((a, b) => collator.compare(a.name, b.name)).map((v) => ({ text: v.name, value: v.id })),
          ],
        };
      });
  });

  /** The town a region belongs to (itself for a town): deputies are listed per town. */
  function townOf(regionId: string): Region | undefined {
    let r = byId.value.get(regionId);
    while (r && r.kind === 'village' && r.parentId) r = byId.value.get(r.parentId);
    return r;
  }

  return { regions, stations, towns, options, loading, failure, load, byId, townOf };
}
