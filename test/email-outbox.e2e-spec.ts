import { randomUUID } from 'node:crypto';
import { Role } from '../src/common/auth/role';
import { linkIn } from './support/smtp-sink';
import { bearer, TestContext, TestUser } from './support/test-app';
import { expectProblem } from './support/assertions';

interface OutboxRow {
  id: string;
  status: 'pending' | 'sent' | 'dead';
  attempts: number;
  last_error: string | null;
  sent_at: Date | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  while (!done(value)) {
    if (Date.now() > deadline) {
      throw new Error(`condition not met within ${timeoutMs} ms; last value ${JSON.stringify(value)}`);
    }
    await sleep(50);
    value = await probe();
  }
  return value;
}

/** One portal with helpers to take its SMTP server down and bring it back (always back after each test). */
function outboxHarness(env: Record<string, string> = {}) {
  const harness = {
    ctx: undefined as unknown as TestContext,
    sinkDown: false,
    async stopSink() {
      await harness.ctx.mail.stop();
      harness.sinkDown = true;
    },
    async startSink() {
      await harness.ctx.mail.start();
      harness.sinkDown = false;
    },
    async outboxRows(email: string): Promise<OutboxRow[]> {
      return harness.ctx.db.query(
        'SELECT id, status, attempts, last_error, sent_at FROM email_outbox WHERE to_address = $1 ORDER BY created_at',
        [email],
      );
    },
    async register(email: string) {
      await harness.ctx.http
        .post('/api/v1/auth/register')
        .send({
          email,
          password: 'a long enough test password',
          fullName: 'Outbox Test',
          locale: 'en',
          consent: true,
        })
        .expect(202);
    },
    /** Follows the confirmation link of the n-th email to the address. */
    async confirmThroughEmail(email: string, n = 1) {
      const { token } = linkIn(await harness.ctx.mail.waitFor(email, n), '/confirm-email');
      await harness.ctx.http.post('/api/v1/auth/confirm-email').send({ token }).expect(204);
    },
  };
  beforeAll(async () => {
    harness.ctx = await TestContext.start(env);
  });
  afterEach(async () => {
    if (harness.sinkDown) {
      await harness.startSink();
    }
  });
  afterAll(async () => {
    await harness.ctx?.close();
  });
  return harness;
}

describe('email outbox: delivery with retries', () => {
  const h = outboxHarness();

  it('keeps an email through an SMTP outage and delivers it, exactly once, when the server is back', async () => {
    const email = h.ctx.uniqueEmail('outage');
    await h.stopSink();
    await h.register(email);
    await sleep(1000);

    expect(h.ctx.mail.to(email)).toHaveLength(0);
    const [queued] = await h.outboxRows(email);
    expect(queued).toMatchObject({ status: 'pending', sent_at: null });
    expect(queued.attempts).toBeGreaterThanOrEqual(1);
    expect(queued.last_error).toEqual(expect.any(String));

    await h.startSink();
    const mail = await h.ctx.mail.waitFor(email, 1, 15_000);
    expect(mail.messageId).toBe(`<${queued.id}@best-practice-portal>`);
    await sleep(1500);
    expect(h.ctx.mail.to(email)).toHaveLength(1);

    const rows = await h.outboxRows(email);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: queued.id, status: 'sent', last_error: null });
    expect(rows[0].sent_at).toBeInstanceOf(Date);
    await h.confirmThroughEmail(email);
  });

  it('sends each email once in normal operation', async () => {
    const emails = [h.ctx.uniqueEmail('once-a'), h.ctx.uniqueEmail('once-b'), h.ctx.uniqueEmail('once-c')];
    await Promise.all(emails.map((email) => h.register(email)));
    await Promise.all(emails.map((email) => h.ctx.mail.waitFor(email)));
    await sleep(500);
    for (const email of emails) {
      expect(h.ctx.mail.to(email)).toHaveLength(1);
      expect((await h.outboxRows(email)).map((row) => [row.status, row.attempts])).toEqual([['sent', 1]]);
    }
  });

  it('keeps no live link at rest: a sent email loses its bodies and keeps its metadata', async () => {
    const email = h.ctx.uniqueEmail('at-rest');
    await h.register(email);
    const { token } = linkIn(await h.ctx.mail.waitFor(email), '/confirm-email');
    const [row] = await waitUntil(
      () =>
        h.ctx.db.query<Record<string, unknown>[]>(
          `SELECT status, to_address, template, subject, text_body, html_body, sent_at, row_to_json(o)::text AS whole
             FROM email_outbox o WHERE to_address = $1`,
          [email],
        ),
      (rows) => rows[0]?.status === 'sent',
    );

    expect(row).toMatchObject({ to_address: email, template: 'confirm-email', text_body: '', html_body: '' });
    expect(row.subject).toEqual(expect.any(String));
    expect(row.sent_at).toBeInstanceOf(Date);
    expect(row.whole).not.toContain(token);
    // The email that was delivered still works.
    await h.confirmThroughEmail(email);
  });

  it('records no email for a registration that is refused', async () => {
    const email = h.ctx.uniqueEmail('refused');
    await h.ctx.http
      .post('/api/v1/auth/register')
      .send({ email, password: 'short', fullName: 'Refused', consent: true })
      .expect(400);
    expect(await h.outboxRows(email)).toEqual([]);
  });
});

describe('email outbox: dead emails', () => {
  const h = outboxHarness({ MAIL_MAX_ATTEMPTS: '2' });
  let admin: TestUser;
  beforeAll(async () => {
    admin = await h.ctx.newUser({ roles: [Role.Admin] });
  });

  const listOutbox = (query: Record<string, string> = {}, caller: TestUser = admin) =>
    h.ctx.http
      .get('/api/v1/admin/outbox')
      .query(query)
      .set(...bearer(caller));
  const retry = (id: string, caller: TestUser = admin) =>
    h.ctx.http
      .post(`/api/v1/admin/outbox/${id}/retry`)
      .set(...bearer(caller))
      .send();

  async function deadEmailTo(email: string): Promise<OutboxRow> {
    await h.stopSink();
    await h.register(email);
    const [row] = await waitUntil(
      () => h.outboxRows(email),
      (rows) => rows[0]?.status === 'dead',
    );
    return row;
  }

  it('marks an email dead after MAIL_MAX_ATTEMPTS failures and lists it for admins without its body', async () => {
    const email = h.ctx.uniqueEmail('dead');
    const row = await deadEmailTo(email);
    expect(row.attempts).toBe(2);
    expect(row.last_error).toEqual(expect.any(String));

    await h.startSink();
    await sleep(700);
    expect(h.ctx.mail.to(email)).toHaveLength(0);
    expect((await h.outboxRows(email))[0]).toMatchObject({ status: 'dead', attempts: 2 });

    const response = await listOutbox();
    expect(response.status).toBe(200);
    const listed = (response.body as Record<string, unknown>[]).find((item) => item.id === row.id);
    expect(listed).toEqual({
      id: row.id,
      toAddress: email,
      template: 'confirm-email',
      status: 'dead',
      attempts: 2,
      lastError: expect.any(String),
      createdAt: expect.any(String),
      sentAt: null,
    });
    const pending = await listOutbox({ status: 'pending' });
    expect((pending.body as { id: string }[]).map((item) => item.id)).not.toContain(row.id);
  });

  it('revives a dead email on retry: it is delivered once and its link works', async () => {
    const email = h.ctx.uniqueEmail('revived');
    const row = await deadEmailTo(email);
    await h.startSink();

    const response = await retry(row.id);
    expect(response.status).toBe(204);
    await h.ctx.mail.waitFor(email);
    const sent = await waitUntil(
      () => h.outboxRows(email),
      (rows) => rows[0]?.status === 'sent',
    );
    expect(sent[0].attempts).toBe(1);
    await sleep(300);
    expect(h.ctx.mail.to(email)).toHaveLength(1);
    await h.confirmThroughEmail(email);

    expectProblem(await retry(row.id), 404, 'dead_email_not_found');
  });

  it('answers 404 for retrying an unknown or malformed id', async () => {
    expectProblem(await retry(randomUUID()), 404, 'dead_email_not_found');
    expectProblem(await retry('not-a-uuid'), 404, 'not_found');
  });

  it('refuses the outbox to anyone but admins', async () => {
    const moderator = await h.ctx.newUser({ roles: [Role.Moderator] });
    expectProblem(await listOutbox({}, moderator), 403, 'forbidden');
    expectProblem(await retry(randomUUID(), moderator), 403, 'forbidden');
    expectProblem(await h.ctx.http.get('/api/v1/admin/outbox'), 401, 'unauthenticated');
  });

  it('refuses an unknown status filter with 400', async () => {
    const response = await listOutbox({ status: 'lost' });
    expectProblem(response, 400, 'validation_failed');
    expect(response.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'status' })]),
    );
  });
});
