import { isIP } from 'node:net';
import * as path from 'node:path';
import { ConfigError, EnvReader } from './env-reader';
import { loadOrCreateDevelopmentSecrets } from './development-secrets';
import { assertProductionSafe } from './production-rules';
import { passwordPolicyProblem } from '../auth/password-policy';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug';
export const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug'];

export interface HttpConfig {
  port: number;
  publicUrl: string;
  corsOrigins: string[];
  trustedProxies: string[];
  bodyLimitBytes: number;
}

export interface DatabaseConfig {
  /** Unset: the embedded PostgreSQL under DATA_DIR/pg is started and its URL filled in by main. */
  url: string | undefined;
  poolSize: number;
  /** How long a request waits for a pooled connection before it is answered 503. */
  acquireTimeoutMs: number;
  statementTimeoutMs: number;
}

export interface AuthConfig {
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  confirmationTokenTtlHours: number;
  resetTokenTtlHours: number;
  /** Password hashes computed at once; further requests wait (argon2id is the costliest thing we do). */
  hashConcurrency: number;
  /** Hashing requests allowed to wait for a slot before new ones are refused with 503. */
  hashQueueLimit: number;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
}

export interface MailConfig {
  smtpUrl: string | undefined;
  from: string;
  /** Outbox worker: how often it polls, how many attempts before a message is dead. */
  pollIntervalMs: number;
  maxAttempts: number;
  retryBaseDelayMs: number;
}

export interface RateLimitConfig {
  loginFailuresPerAccount: number;
  loginFailuresPerAddress: number;
  registrationsPerAddress: number;
  registrationsPerEmail: number;
  tokenUsesPerAddress: number;
  votesPerVoterPerMinute: number;
  uploadsPerUserPerHour: number;
  representativeRequestsPerDay: number;
  verificationRequestsPerDay: number;
  redisUrl: string | undefined;
}

export interface CatalogConfig {
  /** How long a catalog page is served from memory; 0 runs the SQL for every request. */
  cacheTtlMs: number;
  /** Distinct pages kept (the least recently used go first): bounds memory whatever clients ask. */
  cacheMaxEntries: number;
}

/** The website (src/web): cookie sessions and HTML responses. */
export interface WebConfig {
  /** A session unused this long ends (the user signs in again). */
  sessionIdleMinutes: number;
  /** A session ends this long after sign-in, however active. */
  sessionAbsoluteDays: number;
  /** Compress HTML in the portal; off when a reverse proxy compresses. */
  compressHtml: boolean;
}

export interface StorageConfig {
  dataDir: string;
  uploadMaxBytes: number;
  /** Images decoded at once per instance; decoding allocates by pixels (~90 MB for 40 MP). */
  imageDecodeConcurrency: number;
  /** Uploads allowed to wait for a decoding slot before new ones are refused with 503. */
  imageDecodeQueueLimit: number;
}

/** The whole validated configuration; injected wherever a setting is needed. */
export class AppConfig {
  constructor(
    readonly nodeEnv: 'development' | 'production' | 'test',
    readonly logLevel: LogLevel,
    readonly http: HttpConfig,
    readonly database: DatabaseConfig,
    readonly auth: AuthConfig,
    readonly mail: MailConfig,
    readonly rateLimits: RateLimitConfig,
    readonly storage: StorageConfig,
    readonly catalog: CatalogConfig,
    /** Root key for keyed hashes; per-purpose subkeys are derived from it. */
    readonly dataKey: string,
    readonly web: WebConfig = DEFAULT_WEB_CONFIG,
  ) {}

  get isProduction(): boolean {
    return this.nodeEnv === 'production';
  }
}

export const DEFAULT_WEB_CONFIG: WebConfig = {
  sessionIdleMinutes: 12 * 60,
  sessionAbsoluteDays: 30,
  compressHtml: true,
};

const REQUIRED_IN_PRODUCTION = ['DATABASE_URL', 'JWT_SECRET', 'DATA_KEY', 'PUBLIC_URL', 'SMTP_URL'] as const;

/** Reads and validates the environment; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const read = new EnvReader(env);
  const nodeEnv = read.oneOf('NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  if (nodeEnv === 'production') {
    const missing = REQUIRED_IN_PRODUCTION.filter((name) => read.optionalString(name) === undefined);
    if (missing.length > 0) {
      throw new ConfigError(missing.join(', '), 'must be set when NODE_ENV=production');
    }
  }
  const dataDir = path.resolve(read.string('DATA_DIR', './var'));
  const secrets = resolveSecrets(read, dataDir);
  const config = new AppConfig(
    nodeEnv,
    read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    readHttp(read),
    readDatabase(read),
    readAuth(read, secrets.jwtSecret),
    readMail(read),
    readRateLimits(read),
    readStorage(read, dataDir),
    {
      cacheTtlMs: read.integer('CATALOG_CACHE_TTL_MS', 5000, 0, 600_000),
      cacheMaxEntries: read.integer('CATALOG_CACHE_MAX_ENTRIES', 1000, 1, 100_000),
    },
    secrets.dataKey,
    readWeb(read),
  );
  if (config.isProduction) {
    assertProductionSafe(config);
  }
  return config;
}

function resolveSecrets(read: EnvReader, dataDir: string): { jwtSecret: string; dataKey: string } {
  const jwtSecret = read.secret('JWT_SECRET', 32);
  const dataKey = read.secret('DATA_KEY', 32);
  if (jwtSecret && dataKey) {
    return { jwtSecret, dataKey };
  }
  const generated = loadOrCreateDevelopmentSecrets(dataDir);
  return { jwtSecret: jwtSecret ?? generated.jwtSecret, dataKey: dataKey ?? generated.dataKey };
}

function readHttp(read: EnvReader): HttpConfig {
  const port = read.integer('PORT', 3000, 0, 65535);
  const publicUrl = read.optionalUrl('PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`;
  const corsOrigins = read.list('CORS_ORIGINS');
  for (const origin of corsOrigins) {
    if (!/^https?:\/\/[^/]+$/.test(origin)) {
      throw new ConfigError(
        'CORS_ORIGINS',
        `has "${origin}", which is not an origin like https://portal.example.kg`,
      );
    }
  }
  const trustedProxies = read.list('TRUSTED_PROXIES');
  for (const proxy of trustedProxies) {
    const [address, bits] = proxy.split('/');
    if (!isIP(address) || (bits !== undefined && !/^\d{1,3}$/.test(bits))) {
      throw new ConfigError('TRUSTED_PROXIES', `has "${proxy}", which is not an address or CIDR`);
    }
  }
  return {
    port,
    publicUrl: publicUrl.replace(/\/+$/, ''),
    corsOrigins,
    trustedProxies,
    bodyLimitBytes: read.integer('BODY_LIMIT_BYTES', 1024 * 1024, 1024, 100 * 1024 * 1024),
  };
}

function readDatabase(read: EnvReader): DatabaseConfig {
  return {
    url: read.optionalUrl('DATABASE_URL', ['postgres:', 'postgresql:']),
    poolSize: read.integer('DATABASE_POOL_SIZE', 20, 1, 500),
    acquireTimeoutMs: read.integer('DATABASE_ACQUIRE_TIMEOUT_MS', 3000, 100, 60000),
    statementTimeoutMs: read.integer('DATABASE_STATEMENT_TIMEOUT_MS', 15000, 100, 600000),
  };
}

function readAuth(read: EnvReader, jwtSecret: string): AuthConfig {
  const adminEmail = read.optionalString('ADMIN_EMAIL');
  const adminPassword = read.optionalString('ADMIN_PASSWORD');
  if ((adminEmail === undefined) !== (adminPassword === undefined)) {
    throw new ConfigError(
      adminEmail ? 'ADMIN_PASSWORD' : 'ADMIN_EMAIL',
      'must be set together with the other',
    );
  }
  const passwordProblem = adminPassword === undefined ? undefined : passwordPolicyProblem(adminPassword);
  if (passwordProblem) {
    throw new ConfigError('ADMIN_PASSWORD', passwordProblem);
  }
  return {
    jwtSecret,
    accessTokenTtlSeconds: read.integer('ACCESS_TOKEN_TTL_SECONDS', 15 * 60, 30, 24 * 3600),
    refreshTokenTtlDays: read.integer('REFRESH_TOKEN_TTL_DAYS', 30, 1, 365),
    confirmationTokenTtlHours: 48,
    resetTokenTtlHours: 1,
    hashConcurrency: read.integer('PASSWORD_HASH_CONCURRENCY', 2, 1, 64),
    hashQueueLimit: read.integer('PASSWORD_HASH_QUEUE_LIMIT', 200, 1, 100000),
    adminEmail,
    adminPassword,
  };
}

function readMail(read: EnvReader): MailConfig {
  return {
    smtpUrl: read.optionalUrl('SMTP_URL', ['smtp:', 'smtps:']),
    from: read.string('MAIL_FROM', 'Best-practice portal <no-reply@portal.local>'),
    pollIntervalMs: read.integer('MAIL_POLL_INTERVAL_MS', 2000, 50, 600000),
    // 30 attempts with doubling delays capped at an hour: about a day of SMTP outage before a message is dead.
    maxAttempts: read.integer('MAIL_MAX_ATTEMPTS', 30, 1, 1000),
    retryBaseDelayMs: read.integer('MAIL_RETRY_BASE_DELAY_MS', 5000, 10, 3600000),
  };
}

function readStorage(read: EnvReader, dataDir: string): StorageConfig {
  return {
    dataDir,
    uploadMaxBytes: read.integer('UPLOAD_MAX_BYTES', 10 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    imageDecodeConcurrency: read.integer('IMAGE_DECODE_CONCURRENCY', 2, 1, 64),
    imageDecodeQueueLimit: read.integer('IMAGE_DECODE_QUEUE_LIMIT', 10, 0, 10000),
  };
}

function readRateLimits(read: EnvReader): RateLimitConfig {
  return {
    loginFailuresPerAccount: read.integer('RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT', 10, 1),
    loginFailuresPerAddress: read.integer('RATE_LIMIT_LOGIN_FAILURES_PER_ADDRESS', 300, 1),
    registrationsPerAddress: read.integer('RATE_LIMIT_REGISTRATIONS_PER_ADDRESS', 30, 1),
    registrationsPerEmail: read.integer('RATE_LIMIT_REGISTRATIONS_PER_EMAIL', 5, 1),
    tokenUsesPerAddress: read.integer('RATE_LIMIT_TOKEN_USES_PER_ADDRESS', 60, 1),
    votesPerVoterPerMinute: read.integer('RATE_LIMIT_VOTES_PER_VOTER_PER_MINUTE', 60, 1),
    uploadsPerUserPerHour: read.integer('RATE_LIMIT_UPLOADS_PER_USER_PER_HOUR', 60, 1),
    // Each request emails every moderator: a few a day per user is plenty.
    representativeRequestsPerDay: read.integer('RATE_LIMIT_REP_REQUESTS_PER_DAY', 3, 1),
    verificationRequestsPerDay: read.integer('RATE_LIMIT_VERIFY_REQUESTS_PER_DAY', 3, 1),
    redisUrl: read.optionalUrl('REDIS_URL', ['redis:', 'rediss:']),
  };
}

function readWeb(read: EnvReader): WebConfig {
  const compress = read.oneOf('WEB_COMPRESS_HTML', ['true', 'false'] as const, 'true');
  return {
    sessionIdleMinutes: read.integer(
      'WEB_SESSION_IDLE_MINUTES',
      DEFAULT_WEB_CONFIG.sessionIdleMinutes,
      5,
      30 * 24 * 60,
    ),
    sessionAbsoluteDays: read.integer(
      'WEB_SESSION_ABSOLUTE_DAYS',
      DEFAULT_WEB_CONFIG.sessionAbsoluteDays,
      1,
      365,
    ),
    compressHtml: compress === 'true',
  };
}
