import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Where demo mode keeps a secret it made: a file beside the database (never inside it, never in a backup of it). */
const SECRET_FILES = { TOKEN_SECRET: 'token-secret.key', AUDIT_SECRET: 'audit-secret.key' } as const;
type SecretName = keyof typeof SECRET_FILES;
const fileOf = (name: SecretName, dbFile: string) => resolve(dirname(dbFile), SECRET_FILES[name]);

/** A secret the server signs with: from the environment; in demo mode one is made once and kept beside the database. */
export function serverSecret(name: SecretName, value: string | undefined, dbFile: string, demoMode: boolean): string {
  if (value) return value;
  if (!demoMode) throw new Error(`生产环境必须设置 ${name}（至少 32 个字符）`);
  const file = fileOf(name, dbFile);
  if (!existsSync(file)) writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/** The same secret for a tool that checks what the server wrote (npm run audit:verify): never made here. */
export function existingSecret(name: SecretName, value: string | undefined, dbFile: string): string {
  if (value) return value;
  const file = fileOf(name, dbFile);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  throw new Error(`请设置 ${name}（与服务器使用的相同）；演示环境的密钥在数据库旁的 ${SECRET_FILES[name]}，此处没有找到`);
}
