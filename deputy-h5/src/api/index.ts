import { createApiClient } from '@minqing/shared';
import { http, quietHttp } from './http';

/** The typed API client; failures are toasted in Chinese. */
export const api = createApiClient(http);

/** The same client without toasts: for calls whose failure the page shows in place. */
export const quietApi = createApiClient(quietHttp);

export { ApiFailure } from './errors';
