import { Injectable } from '@nestjs/common';
import { UsersRepository } from '../users/users.repository';
import { UnsubscribeTokens } from './unsubscribe-tokens';

/**
 * The unsubscribe link of non-essential mail: the token names the user and the preference, signed.
 * The website's `/unsubscribe` page asks first (a GET changes nothing) and its button's POST, or a
 * mail client's one-click POST (RFC 8058), turns the preference off.
 */
@Injectable()
export class UnsubscribeService {
  constructor(
    private readonly tokens: UnsubscribeTokens,
    private readonly users: UsersRepository,
  ) {}

  /** True when the token is one of ours, intact (it stays usable: unsubscribing twice is harmless). */
  isValid(token: string | undefined): boolean {
    return token !== undefined && this.tokens.verify(token) !== undefined;
  }

  /** Turns the preference off; false (and nothing changed) when the token is damaged or forged. */
  async apply(token: string | undefined): Promise<boolean> {
    const unsubscription = token === undefined ? undefined : this.tokens.verify(token);
    if (!unsubscription) {
      return false;
    }
    await this.users.setNotificationPreference(unsubscription.userId, unsubscription.preference, false);
    return true;
  }
}
