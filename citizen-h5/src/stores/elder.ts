import { defineStore } from 'pinia';
import { computed, ref, watchEffect } from 'vue';
import { hostWantsElderMode } from '../utils/bridge';
import { readJson, writeJson } from '@minqing/h5-common/storage';
import { BASE_THEME, ELDER_THEME } from '../utils/theme';

const KEY = 'mq.citizen.elder';

/** `?elder=1` turns the mode on (and `?elder=0` off) and is remembered, like the switch. */
function fromUrl(): boolean | null {
  const v = new URLSearchParams(window.location.search).get('elder');
  if (v === '1' || v === 'true') return true;
  if (v === '0' || v === 'false') return false;
  return null;
}

/** 长辈模式: large, high-contrast type; remembered on this device. */
export const useElderStore = defineStore('elder', () => {
  const url = fromUrl();
  const enabled = ref<boolean>(url ?? readJson<boolean>(KEY) === true);
  if (url !== null) writeJson(KEY, url);

  const themeVars = computed(() => (enabled.value ? ELDER_THEME : BASE_THEME));

  function set(on: boolean) {
    enabled.value = on;
    writeJson(KEY, on);
  }

  /** The host app may say the user reads in its elder mode; that switches ours on too. */
  async function followHost() {
    if (url === null && !enabled.value && (await hostWantsElderMode())) set(true);
  }

  watchEffect(() => document.documentElement.classList.toggle('elder', enabled.value));

  return { enabled, themeVars, set, followHost };
});
