import { AppConfig } from '../config/app-config';
import { PasswordHasher } from './password-hasher';

function hasherWith(hashConcurrency: number, hashQueueLimit: number): PasswordHasher {
  return new PasswordHasher({ auth: { hashConcurrency, hashQueueLimit } } as AppConfig);
}

describe('PasswordHasher', () => {
  it('hashes with argon2id and verifies only the right password', async () => {
    const hasher = hasherWith(2, 10);
    const hash = await hasher.hash('a long enough password');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await hasher.verify(hash, 'a long enough password')).toBe(true);
    expect(await hasher.verify(hash, 'another long password')).toBe(false);
    expect(await hasher.verify('not a hash', 'whatever')).toBe(false);
  });

  it('queues past its concurrency and refuses with 503 past its queue limit', async () => {
    const hasher = hasherWith(1, 1);
    const running = hasher.hash('first password here');
    const queued = hasher.hash('second password here');
    await expect(hasher.hash('third password here')).rejects.toMatchObject({
      status: 503,
      code: 'service_busy',
    });
    await expect(Promise.all([running, queued])).resolves.toHaveLength(2);
    await expect(hasher.hash('fourth password here')).resolves.toMatch(/^\$argon2id/);
  });
});
