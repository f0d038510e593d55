import { showToast } from 'vant';
import 'vant/es/toast/style';
import { createAppApi } from '@minqing/h5-common/api/client';
import { useAuthStore } from '../stores/auth';

/** `api` toasts failures in Chinese (a Vant toast), `quietApi` does not; `http` is the axios instance behind `api`. */
export const { api, quietApi, http, setUnauthorizedHandler } = createAppApi({ session: () => useAuthStore(), toast: showToast });

export { ApiFailure } from '@minqing/h5-common/api/errors';
