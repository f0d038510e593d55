import { expect, it as base } from 'vitest';
import { ACCOUNTS, apiError, startTestServer, type TestServer } from './server.js';

type Client = Awaited<ReturnType<TestServer['as']>>;

const signedIn =
  (account: string) =>
  async ({ s }: { s: TestServer }, use: (client: Client) => Promise<void>) =>
    use(await s.as(account));

/**
 * Vitest's `it` with a fresh default test server as `s`, and clients of it signed in as the demo account of each role
 * (`ACCOUNTS`). Each is set up only for the tests that ask
 * for it, and the server is closed after the test even when it fails. Tests that need other server options start their own.
 */
export const it = base.extend<{ s: TestServer } & Record<keyof typeof ACCOUNTS, Client>>({
  // vitest reads the fixture's dependencies from the destructured first argument: this one has none
  // eslint-disable-next-line no-empty-pattern
  s: async ({}, use) => {
    const s = await startTestServer();
    await use(s);
    await s.close();
  },
  citizen: signedIn(ACCOUNTS.citizen),
  deputy: signedIn(ACCOUNTS.deputy),
  office: signedIn(ACCOUNTS.office),
  unit: signedIn(ACCOUNTS.unit),
  leader: signedIn(ACCOUNTS.leader),
  admin: signedIn(ACCOUNTS.admin),
});

/** What a write was sent, and the status, field (none for a field the API does not know) and message it is refused with. */
export type Refusal<Body = Record<string, unknown>> = [body: Body, status: number, field: string | undefined, message: string];

/**
 * Sends each body and expects the API to refuse it with that status and message, naming the field when there is one and
 * naming none otherwise.
 */
export async function expectRefusals<Body>(send: (body: Body) => Promise<unknown>, refusals: Refusal<Body>[]): Promise<void> {
  for (const [body, status, field, message] of refusals) {
    const err = await apiError(send(body));
    expect(err, JSON.stringify(body)).toMatchObject({ status, message, ...(field ? { field } : {}) });
    if (!field) expect(err.field, JSON.stringify(body)).toBeUndefined();
  }
}
