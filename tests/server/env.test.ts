import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { SETTING_NAMES, parseEnv, parseServerEnv } from '../../server/src/env.js';
import { IDP_ENV } from '../helpers/production-env.js';

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
    expect(neither).toContain('缺少');
    expect(neither).toContain('must be set');

    const noBase = refusal({ TOKEN_SECRET: SECRET, AUDIT_SECRET: SECRET });
    expect(noBase).toMatch(/PUBLIC_BASE_URL/);
    expect(noBase).not.toMatch(/TOKEN_SECRET|AUDIT_SECRET/);
    expect(refusal({ PUBLIC_BASE_URL: 'https://minqing.example.cn', AUDIT_SECRET: SECRET })).toMatch(/TOKEN_SECRET/);
    expect(refusal({ PUBLIC_BASE_URL: 'https://minqing.example.cn', TOKEN_SECRET: SECRET })).toMatch(/AUDIT_SECRET/);

    expect(
      parseServerEnv({ TOKEN_SECRET: SECRET, AUDIT_SECRET: SECRET, PUBLIC_BASE_URL: 'https://minqing.example.cn/', ...IDP_ENV })
        .publicBaseUrl,
    ).toBe('https://minqing.example.cn');
    // a demo makes its own secret and points QR codes at itself
    expect(parseServerEnv({ DEMO_MODE: '1' }).demoMode).toBe(true);
  });

  it('should refuse to serve outside demo mode without each identity provider setting, naming every one missing', () => {
    const complete = { TOKEN_SECRET: SECRET, AUDIT_SECRET: SECRET, PUBLIC_BASE_URL: 'https://minqing.example.cn', ...IDP_ENV };
    expect(parseServerEnv(complete).idpApp.dingCorpId).toBe(IDP_ENV.DING_CORP_ID);
    for (const name of Object.keys(IDP_ENV)) {
      const without: NodeJS.ProcessEnv = { ...complete, [name]: undefined };
      expect(() => parseServerEnv(without)).toThrow(new RegExp(`^  - ${name}：`, 'm'));
    }
    const message = (() => {
      try {
        parseServerEnv({ TOKEN_SECRET: SECRET, AUDIT_SECRET: SECRET, PUBLIC_BASE_URL: 'https://minqing.example.cn' });
      } catch (err) {
        return (err as Error).message;
      }
      return '';
    })();
    expect(message).toContain(`缺少 ${Object.keys(IDP_ENV).length} 项必需的设置`);
    for (const name of Object.keys(IDP_ENV)) expect(message).toContain(`  - ${name}：`);
    // the demo's stand-ins need none of them
    expect(parseServerEnv({ DEMO_MODE: '1' }).idpApp.zlbAppId).toBe('minqingtong-demo');
  });

  it('should take only an http(s) address as PUBLIC_BASE_URL', () => {
    for (const bad of ['minqing.example.cn', 'javascript:alert(1)', 'ftp://minqing.example.cn']) {
      expect(() => parseEnv({ PUBLIC_BASE_URL: bad })).toThrow(/PUBLIC_BASE_URL/);
    }
    expect(parseEnv({ PUBLIC_BASE_URL: 'http://192.168.1.20:8080' }).publicBaseUrl).toBe('http://192.168.1.20:8080');
  });

  it('should document every setting it reads in docs/operations.md', () => {
    const doc = readFileSync(new URL('../../docs/operations.md', import.meta.url), 'utf8');
    const undocumented = SETTING_NAMES.filter((name) => !doc.includes(`\`${name}\``));
    expect(SETTING_NAMES.length).toBeGreaterThan(30);
    expect(undocumented).toEqual([]);
  });

  it('should take an empty value as unset, as compose writes it', () => {
    expect(parseEnv({ METRICS_TOKEN: '', TRUSTED_PROXIES: '', PORT: '' }).PORT).toBe(8080);
  });
});
