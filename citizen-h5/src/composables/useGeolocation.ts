import { ref } from 'vue';

export interface Position {
  lat: number;
  lng: number;
  accuracy: number | null;
}

const MESSAGES: Record<number, string> = {
  1: '未获得定位权限，请在设置中允许定位，或直接填写地址',
  2: '暂时无法获取位置，请直接填写地址',
  3: '定位超时，请直接填写地址',
};

/** The browser's position, once, with a Chinese reason when it cannot be had. */
export function useGeolocation() {
  const locating = ref(false);
  const error = ref('');

  function locate(): Promise<Position | null> {
    error.value = '';
    if (!('geolocation' in navigator)) {
      error.value = '当前环境不支持定位，请直接填写地址';
      return Promise.resolve(null);
    }
    locating.value = true;
    return new Promise((resolve) => {
      navigator.geolocation.getCurrentPosition(
        (pos) => {
          locating.value = false;
          resolve({
            lat: Math.round(pos.coords.latitude * 1e6) / 1e6,
            lng: Math.round(pos.coords.longitude * 1e6) / 1e6,
            accuracy: Number.isFinite(pos.coords.accuracy) ? Math.round(pos.coords.accuracy) : null,
          });
        },
        (err) => {
          locating.value = false;
          error.value = MESSAGES[err.code] ?? MESSAGES[2]!;
          resolve(null);
        },
        { enableHighAccuracy: true, timeout: 12_000, maximumAge: 60_000 },
      );
    });
  }

  return { locating, error, locate };
}
