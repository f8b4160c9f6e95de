import { Injectable } from '@nestjs/common';
import { Algorithm, hash, verify } from '@node-rs/argon2';
import { AppConfig } from '../config/app-config';
import { ConcurrencyLimit } from '../common/concurrency/concurrency-limit';

/** OWASP's argon2id parameters: 19 MiB, 2 passes, 1 lane. */
const ARGON2_OPTIONS = {
  algorithm: Algorithm.Argon2id,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

/**
 * Hashing is the costliest thing the portal does. At most `hashConcurrency` hashes run at once and a
 * bounded number wait, so a login flood queues here (then gets 503) instead of starving voting.
 */
@Injectable()
export class PasswordHasher {
  private readonly slots: ConcurrencyLimit;
  /** Verified against when the email is unknown, so timing does not reveal whether an account exists. */
  private dummyHash: Promise<string> | undefined;

  constructor(config: AppConfig) {
    this.slots = new ConcurrencyLimit(config.auth.hashConcurrency, config.auth.hashQueueLimit);
  }

  hash(password: string): Promise<string> {
    return this.slots.run(() => hash(password, ARGON2_OPTIONS));
  }

  verify(passwordHash: string, password: string): Promise<boolean> {
    return this.slots.run(() => verify(passwordHash, password).catch(() => false));
  }

  async verifyAgainstNothing(password: string): Promise<false> {
    this.dummyHash ??= hash('portal-timing-equaliser', ARGON2_OPTIONS);
    await this.verify(await this.dummyHash, password);
    return false;
  }
}
