/**
 * The super-app (浙里办-like) bridge, when the page runs inside it. Only what the citizen
 * app asks of it: whether the user is in the host's elder (长辈版) mode.
 */
interface HostBridge {
  getUiStyle?: (options?: object) => Promise<{ uiStyle?: string } | undefined>;
}

declare global {
  interface Window {
    ZWJSBridge?: HostBridge;
  }
}

export async function hostWantsElderMode(timeoutMs = 1500): Promise<boolean> {
  const bridge = typeof window === 'undefined' ? undefined : window.ZWJSBridge;
  if (!bridge?.getUiStyle) return false;
  try {
    const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), timeoutMs));
    const result = await Promise.race([bridge.getUiStyle({}), timeout]);
    return result?.uiStyle === 'elder';
  } catch {
    return false;
  }
}
