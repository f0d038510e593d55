import { describe, expect } from 'vitest';
import { type TestServer } from '../helpers/server.js';
import { it } from '../helpers/server-test.js';

async function wrongPassword(s: TestServer, username: string): Promise<number> {
  const t0 = performance.now();
  const res = await s.anonymous().http.post('/api/auth/password', { username, password: 'Wrong2026' }, { validateStatus: () => true });
  const ms = performance.now() - t0;
  expect(res.status).toBe(401);
  return ms;
}

describe('password sign-in timing', () => {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

  it('should take as long for an unknown or a disabled account as for a real one with a wrong password', async ({ s, admin }) => {
    const danghu = await s.as('ding-office-danghu');
    await admin.admin.updateUser(danghu.userId, { disabled: true });
    const timed = (username: string) => wrongPassword(s, username);
    const times: Record<'real' | 'unknown' | 'disabled', number[]> = { real: [], unknown: [], disabled: [] };
    await timed('office'); // warm up
    // interleaved, so a busy moment of a shared machine falls on all three alike
    for (let i = 0; i < 7; i++) {
      times.real.push(await timed('office'));
      times.unknown.push(await timed(`nobody-${i}`));
      times.disabled.push(await timed('office-danghu'));
    }
    const real = median(times.real);
    expect(median(times.unknown), JSON.stringify(times)).toBeGreaterThan(0.5 * real);
    expect(median(times.disabled), JSON.stringify(times)).toBeGreaterThan(0.5 * real);
  });
});
