import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { PasswordHasher } from '../../src/auth/password-hasher';
import { Role } from '../../src/common/auth/role';
import { Locale } from '../../src/common/i18n/locale';
import { JsonLogger } from '../../src/common/logging/json-logger';
import { AppConfig, loadConfig } from '../../src/config';
import { OutboxWorker } from '../../src/notifications/outbox.worker';
import { User } from '../../src/users/entities/user.entity';
import { UsersRepository } from '../../src/users/users.repository';
import { SmtpSink } from './smtp-sink';
import { createTestDatabase, testState } from './test-database';

export interface TestUser {
  id: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
}

export interface TestRepresentative extends TestUser {
  municipalityId: string;
}

export interface NewUserOptions {
  email?: string;
  password?: string;
  fullName?: string;
  confirmed?: boolean;
  roles?: Role[];
  locale?: Locale;
}

/**
 * Generous limits so tests that need many accounts are not throttled; a test of the limits sets
 * its own through `env` (configuration only, never a code path production could reach).
 */
const TEST_DEFAULTS: Record<string, string> = {
  NODE_ENV: 'test',
  LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
  JWT_SECRET: 'test-jwt-secret-that-is-long-enough-0123456789',
  PUBLIC_URL: 'http://portal.test',
  MAIL_POLL_INTERVAL_MS: '50',
  MAIL_RETRY_BASE_DELAY_MS: '100',
  RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT: '1000',
  RATE_LIMIT_LOGIN_FAILURES_PER_ADDRESS: '10000',
  RATE_LIMIT_REGISTRATIONS_PER_ADDRESS: '10000',
  RATE_LIMIT_REGISTRATIONS_PER_EMAIL: '1000',
  RATE_LIMIT_TOKEN_USES_PER_ADDRESS: '10000',
  RATE_LIMIT_VOTES_PER_VOTER_PER_MINUTE: '10000',
  RATE_LIMIT_UPLOADS_PER_USER_PER_HOUR: '10000',
};

let sequence = 0;

export interface InstanceOptions {
  worker?: boolean;
}

export interface StartOptions extends InstanceOptions {
  /** A migrated database of the test's own (e.g. on a server the test stops and restarts). */
  databaseUrl?: string;
}

async function bootInstance(
  config: AppConfig,
  databaseUrl: string,
  options: InstanceOptions,
): Promise<NestFastifyApplication> {
  const logger = new JsonLogger(config.logLevel, (line) => process.stdout.write(line));
  const app = await createApp(config, { databaseUrl }, logger);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  if (options.worker !== false) {
    app.get(OutboxWorker).start();
  }
  return app;
}

/** One running portal per test file: its own database, a real SMTP sink, HTTP through supertest. */
export class TestContext {
  private readonly otherInstances: NestFastifyApplication[] = [];

  private constructor(
    readonly app: NestFastifyApplication,
    readonly mail: SmtpSink,
    readonly databaseUrl: string,
    private readonly config: AppConfig,
  ) {}

  /** `worker: false` leaves the outbox undelivered by this instance (to test restarts and scale-out). */
  static async start(env: Record<string, string> = {}, options: StartOptions = {}): Promise<TestContext> {
    const databaseUrl = options.databaseUrl ?? (await createTestDatabase());
    const mail = new SmtpSink();
    await mail.start();
    const config = loadConfig({
      ...TEST_DEFAULTS,
      DATA_DIR: mkdtempSync(join(testState().stateDir, 'data-')),
      DATABASE_URL: databaseUrl,
      SMTP_URL: mail.url,
      // Fresh per context: keyed hashes (rate-limit keys in a shared Redis included) never collide across runs.
      DATA_KEY: randomBytes(32).toString('base64url'),
      // CI's second pass sets REDIS_URL so the shared rate-limit store is exercised too.
      ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
      ...env,
    });
    const app = await bootInstance(config, databaseUrl, options);
    return new TestContext(app, mail, databaseUrl, config);
  }

  /** Another portal process on the same database and SMTP server: a restart, or a second instance. */
  async startInstance(options: InstanceOptions = {}): Promise<NestFastifyApplication> {
    const app = await bootInstance(this.config, this.databaseUrl, options);
    this.otherInstances.push(app);
    return app;
  }

  get http(): TestAgent {
    return request(this.app.getHttpServer());
  }

  get db(): DataSource {
    return this.app.get(DataSource);
  }

  uniqueEmail(prefix = 'user'): string {
    sequence += 1;
    return `${prefix}.${process.pid}.${sequence}.${Date.now()}@example.kg`;
  }

  /** Creates an account directly (fast) and signs it in through the API. */
  async newUser(options: NewUserOptions = {}): Promise<TestUser> {
    const email = options.email ?? this.uniqueEmail();
    const password = options.password ?? 'a long enough test password';
    const passwordHash = await this.app.get(PasswordHasher).hash(password);
    const id = await this.db.transaction((manager) =>
      this.app.get(UsersRepository).insertIfEmailFree(manager, {
        email,
        passwordHash,
        fullName: options.fullName ?? 'Test User',
        locale: options.locale ?? 'en',
        consentVersion: 'test',
        emailConfirmedAt: options.confirmed === false ? null : new Date(),
        roles: options.roles ?? [],
      }),
    );
    if (!id) {
      throw new Error(`email ${email} is taken`);
    }
    const tokens = await this.login(email, password);
    return { id, email: email.toLowerCase(), password, ...tokens };
  }

  async login(email: string, password: string): Promise<{ accessToken: string; refreshToken: string }> {
    const response = await this.http.post('/api/v1/auth/login').send({ email, password });
    if (response.status !== 200) {
      throw new Error(`login failed: ${response.status} ${JSON.stringify(response.body)}`);
    }
    return response.body as { accessToken: string; refreshToken: string };
  }

  /** An approved representative of a seeded municipality (by code), signed in. */
  async newRepresentative(
    municipalityCode = 'M-DOSTUK',
    options: NewUserOptions = {},
  ): Promise<TestRepresentative> {
    const user = await this.newUser(options);
    const municipalityId = await this.idOf('municipalities', municipalityCode);
    await this.db.query(
      `INSERT INTO representative_memberships (user_id, municipality_id, status, decided_at) VALUES ($1, $2, 'approved', now())`,
      [user.id, municipalityId],
    );
    return { ...user, municipalityId };
  }

  newModerator(options: NewUserOptions = {}): Promise<TestUser> {
    return this.newUser({ ...options, roles: [Role.Moderator] });
  }

  /** Id of a seeded row by its code (regions, districts, municipalities, categories). */
  async idOf(
    table: 'regions' | 'districts' | 'municipalities' | 'categories',
    code: string,
  ): Promise<string> {
    const rows: { id: string }[] = await this.db.query(`SELECT id FROM ${table} WHERE code = $1`, [code]);
    if (!rows[0]) {
      throw new Error(`no ${table} row with code ${code}`);
    }
    return rows[0].id;
  }

  /** A complete, valid practice body; override what the test is about. */
  async practiceBody(overrides: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    return {
      title: 'Открытый бюджет айыл аймака',
      summary: 'Жители вместе с айыл окмоту распределяют часть местного бюджета на свои проекты.',
      problem: 'Жители не знали, как расходуется местный бюджет, и не доверяли решениям.',
      solution: 'Ежегодные бюджетные слушания и голосование за проекты в каждом селе.',
      results: 'Явка на слушания выросла с 40 до 600 человек, построено 12 объектов.',
      resources: '1,2 млн сомов из местного бюджета, 3 сотрудника, поддержка партнёров.',
      replicability: 'Достаточно положения о слушаниях и простого бюллетеня; шаблоны приложены.',
      startYear: 2019,
      endYear: null,
      contactName: 'Айбек Осмонов',
      contactPhone: '+996555000111',
      contactEmail: 'info@dostuk.kg',
      language: 'ru',
      categoryId: await this.idOf('categories', 'budget'),
      tags: ['бюджет', 'участие'],
      ...overrides,
    };
  }

  /** Creates a practice through the API as `owner` and moves it to `status` (draft, submitted or published). */
  async newPractice(
    owner: TestUser,
    status: 'draft' | 'submitted' | 'published' = 'draft',
    overrides: Record<string, unknown> = {},
  ): Promise<{ id: string; version: number }> {
    const created = await this.http
      .post('/api/v1/practices')
      .set(...bearer(owner))
      .send(await this.practiceBody(overrides));
    if (created.status !== 201) {
      throw new Error(`practice not created: ${created.status} ${JSON.stringify(created.body)}`);
    }
    const id = created.body.id as string;
    if (status !== 'draft') {
      await this.http
        .post(`/api/v1/practices/${id}/submit`)
        .set(...bearer(owner))
        .send({})
        .expect(200);
    }
    if (status === 'published') {
      this.publisher ??= await this.newModerator();
      await this.http
        .post(`/api/v1/moderation/practices/${id}/decision`)
        .set(...bearer(this.publisher))
        .send({ action: 'approve' })
        .expect(200);
    }
    const current = await this.http
      .get(`/api/v1/practices/${id}`)
      .set(...bearer(owner))
      .expect(200);
    return { id, version: current.body.version as number };
  }

  private publisher: TestUser | undefined;

  async userRow(id: string): Promise<User> {
    return this.db.getRepository(User).findOneByOrFail({ id });
  }

  async count(table: string, where = 'true', params: unknown[] = []): Promise<number> {
    const rows: { n: string }[] = await this.db.query(
      `SELECT count(*)::int AS n FROM ${table} WHERE ${where}`,
      params,
    );
    return Number(rows[0].n);
  }

  async close(): Promise<void> {
    await Promise.all(this.otherInstances.map((app) => app.close()));
    await this.app.close();
    await this.mail.stop();
  }
}

export function bearer(user: { accessToken: string }): [string, string] {
  return ['Authorization', `Bearer ${user.accessToken}`];
}
