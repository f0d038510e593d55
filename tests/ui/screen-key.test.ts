// @vitest-environment happy-dom
/**
 * The wall screen's credential on the client: taken from the address's fragment (#k=…), kept for
 * the tab in sessionStorage (so a reload works after the router dropped the fragment), never in
 * localStorage, and only when it has the shape of a credential.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { screenAddress } from '@minqing/shared';
import { takeScreenKey } from '../../deputy-h5/src/features/cockpit/cockpitClient';

const KEY = `mqs_${'a1B2_-'.repeat(7)}x`;

describe('the wall screen’s credential in the browser', () => {
  beforeEach(() => {
    sessionStorage.clear();
    localStorage.clear();
  });

  it('should take the credential from the fragment of the address an issuer copies, and keep it for the tab only', () => {
    const address = screenAddress('https://minqing.example.cn/', KEY);
    expect(address).toBe(`https://minqing.example.cn/deputy/screen#k=${KEY}`);
    expect(takeScreenKey(new URL(address).hash)).toBe(KEY);
    // after the router dropped the fragment (and on a reload): from the tab's keeping
    expect(takeScreenKey('')).toBe(KEY);
    expect(localStorage.length).toBe(0);
  });

  it('should ignore what is not a credential, and have none without one', () => {
    expect(takeScreenKey('')).toBeNull();
    expect(takeScreenKey('#k=eyJhbGciOiJIUzI1NiJ9.a.b')).toBeNull();
    expect(takeScreenKey('#other=1')).toBeNull();
    expect(sessionStorage.length).toBe(0);
  });
});
