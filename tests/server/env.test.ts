import { describe, expect, it } from 'vitest';
import { parseEnv, parseServerEnv } from '../../server/src/env.js';

const SECRET = 'a-token-secret-of-at-least-32-characters';

describe('the environment', () => {
  it('should leave demo mode off when DEMO_MODE is unset, whatever NODE_ENV says', () => {
    for (const NODE_ENV of [undefined, 'development', 'test', 'production']) {
      expect(parseEnv({ NODE_ENV }).demoMode).toBe(false);
    }
  });

  it('should turn demo mode on only when DEMO_MODE asks for it', () => {
    expect(parseEnv({ DEMO_MODE: '1' }).demoMode).toBe(true);
    expect(parseEnv({ DEMO_MODE: 'true', NODE_ENV: 'production' }).demoMode).toBe(true);
    expect(parseEnv({ DEMO_MODE: '0' }).demoMode).toBe(false);
    expect(() => parseEnv({ DEMO_MODE: 'yes' })).toThrow(/DEMO_MODE/);
  });

  it('should refuse to serve outside demo mode without TOKEN_SECRET, AUDIT_SECRET and PUBLIC_BASE_URL, saying so in Chinese and English', () => {
    const refusal = (source: NodeJS.ProcessEnv) => {
      try {
        parseServerEnv(source);
      } catch (err) {
        return (err as Error).message;
      }
      return null;
    };
    const neither = refusal({ NODE_ENV: 'development' });
    expect(neither).toMatch(/TOKEN_SECRET/);
    expect(neither).toMatch(/AUDIT_SECRET/);
    expect(neither).toMatch(/PUBLIC_BASE_URL/);
    expect(neither).toContain('必须设置');
    expect(neither).toContain('must be set');

    const noBase = refusal({ TOKEN_SECRET: SECRET, AUDIT_SECRET: SECRET });
    expect(noBase).toMatch(/PUBLIC_BASE_URL/);
    expect(noBase).not.toMatch(/TOKEN_SECRET|AUDIT_SECRET/);
    expect(refusal({ PUBLIC_BASE_URL: 'https://minqing.example.cn', AUDIT_SECRET: SECRET })).toMatch(/TOKEN_SECRET/);
    expect(refusal({ PUBLIC_BASE_URL: 'https://minqing.example.cn', TOKEN_SECRET: SECRET })).toMatch(/AUDIT_SECRET/);

    expect(
      parseServerEnv({ TOKEN_SECRET: SECRET, AUDIT_SECRET: SECRET, PUBLIC_BASE_URL: 'https://minqing.example.cn/' }).publicBaseUrl,
    ).toBe('https://minqing.example.cn');
    // a demo makes its own secret and points QR codes at itself
    expect(parseServerEnv({ DEMO_MODE: '1' }).demoMode).toBe(true);
  });

  it('should take only an http(s) address as PUBLIC_BASE_URL', () => {
    for (const bad of ['minqing.example.cn', 'javascript:alert(1)', 'ftp://minqing.example.cn']) {
      expect(() => parseEnv({ PUBLIC_BASE_URL: bad })).toThrow(/PUBLIC_BASE_URL/);
    }
    expect(parseEnv({ PUBLIC_BASE_URL: 'http://192.168.1.20:8080' }).publicBaseUrl).toBe('http://192.168.1.20:8080');
  });
});
