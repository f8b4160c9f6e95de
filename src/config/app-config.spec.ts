import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './app-config';

const dataDir = () => mkdtempSync(join(tmpdir(), 'portal-config-'));

describe('loadConfig', () => {
  it('starts with development defaults and generates secrets once under DATA_DIR', () => {
    const dir = dataDir();
    const first = loadConfig({ DATA_DIR: dir });
    const second = loadConfig({ DATA_DIR: dir });
    expect(first.http.port).toBe(3000);
    expect(first.http.publicUrl).toBe('http://localhost:3000');
    expect(first.storage.uploadMaxBytes).toBe(10 * 1024 * 1024);
    expect(first.auth.jwtSecret).toHaveLength(43);
    expect(second.auth.jwtSecret).toBe(first.auth.jwtSecret);
    expect(second.dataKey).toBe(first.dataKey);
  });

  it('names every variable that production needs and is missing', () => {
    expect(() =>
      loadConfig({ NODE_ENV: 'production', DATA_DIR: dataDir(), PUBLIC_URL: 'https://portal.kg' }),
    ).toThrow('DATABASE_URL, JWT_SECRET, DATA_KEY, SMTP_URL must be set when NODE_ENV=production');
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT must be a whole number'],
    [{ PORT: '70000' }, 'PORT must be between 0 and 65535'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL must use one of postgres:, postgresql:'],
    [{ PUBLIC_URL: 'not a url' }, 'PUBLIC_URL must be a valid URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of'],
    [{ TRUSTED_PROXIES: '10.0.0.0/8,nonsense' }, 'TRUSTED_PROXIES has "nonsense"'],
    [{ CORS_ORIGINS: 'https://a.kg/path' }, 'CORS_ORIGINS has "https://a.kg/path"'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET must be at least 32 characters'],
    [{ ADMIN_EMAIL: 'a@b.kg' }, 'ADMIN_PASSWORD must be set together with the other'],
  ])('refuses %p with a message naming the variable', (env, message) => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), ...env })).toThrow(message);
  });
});
