import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './app-config';
import { estimatedSecretBits } from './production-rules';

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

  it('applies the full password policy to ADMIN_PASSWORD', () => {
    expect(() =>
      loadConfig({ DATA_DIR: dataDir(), ADMIN_EMAIL: 'a@b.kg', ADMIN_PASSWORD: 'QWERTYUIOP' }),
    ).toThrow('ADMIN_PASSWORD is one of the most common passwords');
    expect(() =>
      loadConfig({ DATA_DIR: dataDir(), ADMIN_EMAIL: 'a@b.kg', ADMIN_PASSWORD: 'x'.repeat(129) }),
    ).toThrow('ADMIN_PASSWORD must be at most 128 characters long');
  });
});

describe('loadConfig with NODE_ENV=production', () => {
  const key = () => randomBytes(32).toString('base64url');
  /** What docker-compose.yml and the README tell an operator to set. */
  const production = (overrides: Record<string, string> = {}) => ({
    NODE_ENV: 'production',
    DATA_DIR: dataDir(),
    DATABASE_URL: 'postgres://portal:portal@postgres:5432/portal',
    SMTP_URL: 'smtp://mailpit:1025',
    PUBLIC_URL: 'https://portal.example.kg',
    JWT_SECRET: key(),
    DATA_KEY: key(),
    ...overrides,
  });

  it('accepts generated keys, an https PUBLIC_URL and a sound ADMIN_PASSWORD', () => {
    const config = loadConfig(production({ ADMIN_EMAIL: 'a@b.kg', ADMIN_PASSWORD: 'a long passphrase' }));
    expect(config.isProduction).toBe(true);
  });

  it.each(['http://localhost:3000', 'http://127.0.0.1:3000', 'http://127.8.9.10', 'http://[::1]:3000'])(
    'accepts the plain-http loopback PUBLIC_URL %s (the docker-compose stack)',
    (publicUrl) => {
      expect(loadConfig(production({ PUBLIC_URL: publicUrl })).http.publicUrl).toBe(publicUrl);
    },
  );

  it.each(['http://portal.example.kg', 'http://localhost.example.kg', 'http://10.0.0.5:3000'])(
    'refuses the plain-http PUBLIC_URL %s',
    (publicUrl) => {
      expect(() => loadConfig(production({ PUBLIC_URL: publicUrl }))).toThrow(
        'PUBLIC_URL must use https when NODE_ENV=production',
      );
    },
  );

  it('refuses a JWT_SECRET equal to DATA_KEY', () => {
    const shared = key();
    expect(() => loadConfig(production({ JWT_SECRET: shared, DATA_KEY: shared }))).toThrow(
      'JWT_SECRET must differ from DATA_KEY',
    );
  });

  it.each([
    ['JWT_SECRET', 'a'.repeat(64)],
    ['JWT_SECRET', 'ab'.repeat(40)],
    ['DATA_KEY', '0123456789'.repeat(3) + '01'],
    ['DATA_KEY', 'change-me-change-me-change-me-change-me'],
  ])('refuses a %s under 128 bits (%s)', (variable, secret) => {
    expect(() => loadConfig(production({ [variable]: secret }))).toThrow(
      `${variable} is too weak for NODE_ENV=production`,
    );
  });

  it('refuses an ADMIN_PASSWORD the password policy refuses', () => {
    expect(() => loadConfig(production({ ADMIN_EMAIL: 'a@b.kg', ADMIN_PASSWORD: '1234567890' }))).toThrow(
      'ADMIN_PASSWORD is one of the most common passwords',
    );
  });

  it('lets development keep a weak key and plain http', () => {
    expect(() =>
      loadConfig({ DATA_DIR: dataDir(), JWT_SECRET: 'a'.repeat(40), PUBLIC_URL: 'http://portal.example.kg' }),
    ).not.toThrow();
  });
});

describe('estimatedSecretBits', () => {
  it('is the length times log2 of the number of distinct characters', () => {
    expect(estimatedSecretBits('a'.repeat(100))).toBe(0);
    expect(estimatedSecretBits('ab'.repeat(20))).toBe(40);
    expect(estimatedSecretBits('0123456789abcdef'.repeat(2))).toBe(128);
  });
});
