import { createAppApi } from '@minqing/h5-common/api/client';
import { useAuthStore } from '../stores/auth';
import { toast } from '../utils/toast';

/** `api` toasts failures in Chinese (Vant's Toast loaded on first use), `quietApi` does not. */
export const { api, quietApi, setUnauthorizedHandler } = createAppApi({ session: () => useAuthStore(), toast });

export { ApiFailure, toApiFailure } from '@minqing/h5-common/api/errors';
