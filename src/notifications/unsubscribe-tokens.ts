import { timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Keyring } from '../common/crypto/keyring';
import { NotificationPreferences } from '../users/entities/user.entity';

export type Preference = keyof NotificationPreferences;
const PREFERENCES: readonly Preference[] = ['contestNews', 'moderationAlerts'];

export interface Unsubscription {
  userId: string;
  preference: Preference;
}

/**
 * Unsubscribe links carry `userId.preference.signature` (HMAC under a DATA_KEY subkey): they work
 * without signing in, cannot be forged for another user, and never expire (as mail clients expect).
 */
@Injectable()
export class UnsubscribeTokens {
  constructor(private readonly keyring: Keyring) {}

  sign({ userId, preference }: Unsubscription): string {
    return `${userId}.${preference}.${this.signature(userId, preference)}`;
  }

  verify(token: string): Unsubscription | undefined {
    const [userId, preference, signature] = token.split('.');
    if (!userId || !signature || !PREFERENCES.includes(preference as Preference)) {
      return undefined;
    }
    const expected = Buffer.from(this.signature(userId, preference));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given)
      ? { userId, preference: preference as Preference }
      : undefined;
  }

  private signature(userId: string, preference: string): string {
    return this.keyring.keyedHash('unsubscribe', `${userId}:${preference}`).slice(0, 32);
  }
}
