import { OutboxRepository } from '../src/notifications/outbox.repository';
import { TestContext } from './support/test-app';

/** Mail written by one process is delivered by whichever process runs next, exactly once. */
describe('outbox across restarts and instances', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    // The first instance never delivers: as if it stopped right after the registrations committed.
    ctx = await TestContext.start({}, { worker: false });
  });
  afterAll(() => ctx.close());

  async function register(email: string): Promise<void> {
    await ctx.http
      .post('/api/v1/auth/register')
      .send({ email, password: 'a long enough password', fullName: 'Restart Tester', consent: true })
      .expect(202);
  }

  it('counts no attempt for a claim whose outcome was never recorded (a database outage mid-pass)', async () => {
    const email = ctx.uniqueEmail('claimed');
    await register(email);
    const attemptsOf = async () =>
      (
        await ctx.db.query<{ attempts: number }[]>(
          'SELECT attempts FROM email_outbox WHERE to_address = $1',
          [email],
        )
      )[0].attempts;
    const outbox = ctx.app.get(OutboxRepository);

    // A zero lease: the message is due again at once, as after a real lease ran out.
    const first = await outbox.claimDue(100, 0);
    expect(first.find((row) => row.toAddress === email)?.attempts).toBe(1);
    expect(await attemptsOf()).toBe(0);
    const again = await outbox.claimDue(100, 0);
    expect(again.find((row) => row.toAddress === email)?.attempts).toBe(1);
    expect(await attemptsOf()).toBe(0);
  });

  it('delivers mail queued before a restart once the next process starts', async () => {
    const email = ctx.uniqueEmail('restart');
    await register(email);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(ctx.mail.to(email)).toHaveLength(0);

    await ctx.startInstance();

    await ctx.mail.waitFor(email);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(ctx.mail.to(email)).toHaveLength(1);
  });

  it('sends every message exactly once with two instances polling the same outbox', async () => {
    const emails = Array.from({ length: 30 }, () => ctx.uniqueEmail('scaleout'));
    for (const email of emails) {
      await register(email);
    }

    await Promise.all([ctx.startInstance(), ctx.startInstance()]);

    for (const email of emails) {
      await ctx.mail.waitFor(email);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(emails.map((email) => ctx.mail.to(email).length)).toEqual(emails.map(() => 1));
    expect(await ctx.count('email_outbox', "status <> 'sent'")).toBe(0);
  });
});
