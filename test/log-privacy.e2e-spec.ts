import { AdminBootstrap } from '../src/auth/admin-bootstrap';
import { TestContext } from './support/test-app';

/**
 * Every line written to stdout (the JSON log lines included) is kept here instead of printed, from
 * before the portal boots (its info-level start-up lines would flood the test output) to the end.
 */
const written: string[] = [];
let stdout: jest.SpyInstance | undefined;

async function linesWrittenDuring(work: () => Promise<void>): Promise<string[]> {
  const from = written.length;
  await work();
  return written.slice(from);
}

async function waitUntil(probe: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) {
      throw new Error(`condition not met within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('personal data in logs', () => {
  const adminEmail = 'log.privacy.admin@portal.kg';
  let ctx: TestContext;
  beforeAll(async () => {
    stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    });
    ctx = await TestContext.start({
      LOG_LEVEL: 'info',
      MAIL_MAX_ATTEMPTS: '2',
      ADMIN_EMAIL: adminEmail,
      ADMIN_PASSWORD: 'log privacy admin passphrase',
    });
  });
  afterAll(async () => {
    await ctx.close();
    stdout?.mockRestore();
  });

  it('logs the admin bootstrap with the account id, never its email', async () => {
    const lines = await linesWrittenDuring(() => ctx.app.get(AdminBootstrap).run());

    const created = lines.find((line) => line.includes('admin account created'));
    const { id } = (await ctx.db.query('SELECT id FROM users WHERE email = $1', [adminEmail]))[0] as {
      id: string;
    };
    expect(created).toContain(id);
    expect(lines.filter((line) => line.toLowerCase().includes(adminEmail))).toEqual([]);
  });

  it('logs an SMTP refusal with the email id, never the recipient the server quoted', async () => {
    const recipient = ctx.uniqueEmail('refused');
    ctx.mail.rejectedRecipients.add(recipient);
    const lines = await linesWrittenDuring(async () => {
      await ctx.http
        .post('/api/v1/auth/register')
        .send({
          email: recipient,
          password: 'a long enough test password',
          fullName: 'Log Test',
          consent: true,
        })
        .expect(202);
      await waitUntil(
        async () =>
          (await ctx.count('email_outbox', "to_address = $1 AND status = 'dead'", [recipient])) === 1,
      );
    });

    const { id, last_error: lastError } = (
      await ctx.db.query('SELECT id, last_error FROM email_outbox WHERE to_address = $1', [recipient])
    )[0] as { id: string; last_error: string };
    expect(lastError).toContain(recipient); // the server did quote it: the log must not
    expect(lines.find((line) => line.includes('email failed'))).toContain(id);
    expect(lines.find((line) => line.includes('email is dead'))).toContain(id);
    expect(lines.filter((line) => line.toLowerCase().includes(recipient))).toEqual([]);
  });
});
