import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Category, Region, Station, Unit } from '@minqing/shared';
import { api } from '../api';

/** Units, categories, regions and stations: loaded once, used by several pages. */
export const useReferenceStore = defineStore('reference', () => {
  const units = ref<Unit[]>([]);
  const categories = ref<Category[]>([]);
  const regions = ref<Region[]>([]);
  const stations = ref<Station[]>([]);
  let loading: Promise<void> | null = null;

  function load() {
    loading ??= Promise.all([api.reference.units(), api.reference.categories(), api.reference.regions()])
      .then(([u, c, r]) => {
        units.value = u.items;
        categories.value = c.items;
        regions.value = r.items;
        stations.value = r.stations;
      })
      .catch((err: unknown) => {
        loading = null;
        throw err;
      });
    return loading;
  }

  /** Read again (承办单位与分类 changed units or a category's default unit). */
  function reload() {
    loading = null;
    return load();
  }

  return { units, categories, regions, stations, load, reload };
});
