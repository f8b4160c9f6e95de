import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { Keyring } from '../crypto/keyring';
import { CommonErrors } from '../errors/domain-error';
import { RateLimitStore } from './rate-limit.store';

export interface RateRule {
  name: string;
  limit: number;
  windowMs: number;
}

const MINUTE = 60_000;

/** The limits of §3.2, read from configuration. */
export function rateRules(config: AppConfig) {
  const limits = config.rateLimits;
  return {
    loginFailuresPerAccount: {
      name: 'login-account',
      limit: limits.loginFailuresPerAccount,
      windowMs: 15 * MINUTE,
    },
    loginFailuresPerAddress: {
      name: 'login-address',
      limit: limits.loginFailuresPerAddress,
      windowMs: 15 * MINUTE,
    },
    registrationsPerAddress: {
      name: 'register-address',
      limit: limits.registrationsPerAddress,
      windowMs: 60 * MINUTE,
    },
    registrationsPerEmail: {
      name: 'register-email',
      limit: limits.registrationsPerEmail,
      windowMs: 60 * MINUTE,
    },
    passwordResetsPerAddress: {
      name: 'forgot-address',
      limit: limits.registrationsPerAddress,
      windowMs: 60 * MINUTE,
    },
    passwordResetsPerEmail: {
      name: 'forgot-email',
      limit: limits.registrationsPerEmail,
      windowMs: 60 * MINUTE,
    },
    tokenUsesPerAddress: { name: 'token-address', limit: limits.tokenUsesPerAddress, windowMs: 60 * MINUTE },
    votesPerVoter: { name: 'vote-voter', limit: limits.votesPerVoterPerMinute, windowMs: MINUTE },
    uploadsPerUser: { name: 'upload-user', limit: limits.uploadsPerUserPerHour, windowMs: 60 * MINUTE },
    representativeRequestsPerUser: {
      name: 'representative-request-user',
      limit: limits.representativeRequestsPerDay,
      windowMs: 24 * 60 * MINUTE,
    },
    verificationRequestsPerUser: {
      name: 'verification-request-user',
      limit: limits.verificationRequestsPerDay,
      windowMs: 24 * 60 * MINUTE,
    },
  } satisfies Record<string, RateRule>;
}

/**
 * Counts attempts per subject (address, account) in fixed windows. Subjects are stored only as keyed
 * hashes: counters never hold a raw IP address or email.
 */
@Injectable()
export class RateLimiter implements OnApplicationShutdown {
  constructor(
    private readonly store: RateLimitStore,
    private readonly keyring: Keyring,
  ) {}

  /** Counts this attempt; refuses it with 429 once the window's limit is passed. */
  async consume(rule: RateRule, subject: string): Promise<void> {
    const { count, resetInMs } = await this.store.increment(this.key(rule, subject), rule.windowMs);
    if (count > rule.limit) {
      throw CommonErrors.rateLimited(Math.ceil(resetInMs / 1000));
    }
  }

  /**
   * Gives back a slot taken by `consume` when the attempt turned out not to count (a sign-in with
   * the right password). Counting first and refunding after is what makes the limit race-free:
   * a check before the work and a count after it let every parallel attempt through the check.
   */
  async refund(rule: RateRule, subject: string): Promise<void> {
    await this.store.decrement(this.key(rule, subject));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }

  private key(rule: RateRule, subject: string): string {
    return `${rule.name}:${this.keyring.keyedHash('rate-limit', subject.toLowerCase())}`;
  }
}
