import { Injectable } from '@nestjs/common';
import { Algorithm, hash, verify } from '@node-rs/argon2';
import { AppConfig } from '../config/app-config';
import { CommonErrors } from '../common/errors/domain-error';

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
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  /** Verified against when the email is unknown, so timing does not reveal whether an account exists. */
  private dummyHash: Promise<string> | undefined;

  constructor(private readonly config: AppConfig) {}

  hash(password: string): Promise<string> {
    return this.withSlot(() => hash(password, ARGON2_OPTIONS));
  }

  verify(passwordHash: string, password: string): Promise<boolean> {
    return this.withSlot(() => verify(passwordHash, password).catch(() => false));
  }

  async verifyAgainstNothing(password: string): Promise<false> {
    this.dummyHash ??= hash('portal-timing-equaliser', ARGON2_OPTIONS);
    await this.verify(await this.dummyHash, password);
    return false;
  }

  private async withSlot<T>(work: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.active < this.config.auth.hashConcurrency) {
      this.active += 1;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.config.auth.hashQueueLimit) {
      return Promise.reject(CommonErrors.overloaded());
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) {
      next(); // the slot passes straight to the next waiter
    } else {
      this.active -= 1;
    }
  }
}
