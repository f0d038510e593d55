import { createAuthStore } from '@minqing/h5-common/stores/auth';

/** Who is signed in on this device: the bearer token and the user it belongs to. */
export const useAuthStore = createAuthStore('mq.citizen.session');
