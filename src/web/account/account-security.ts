import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PasswordHasher } from '../../auth/password-hasher';
import { AuthErrors } from '../../auth/auth.errors';
import { UsersRepository } from '../../users/users.repository';

/**
 * A thin stand-in for two service methods being added to the auth module on another branch
 * (`SessionService.signOutEverywhere(userId)` and `changePassword(userId, current, next)`). When
 * they are merged, each method here becomes a one-line call to them; nothing else changes.
 */
@Injectable()
export class AccountSecurity {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  /** Bumps the token version: every web session, refresh token and access token ends. */
  async signOutEverywhere(userId: string): Promise<void> {
    await this.dataSource.transaction((manager) => this.users.bumpTokenVersion(manager, userId));
  }

  /** Needs the current password; the new hash and a token-version bump in one transaction. */
  async changePassword(userId: string, current: string, next: string): Promise<void> {
    const user = await this.users.findById(userId);
    if (!user || !(await this.hasher.verify(user.passwordHash, current))) {
      throw AuthErrors.invalidCredentials();
    }
    const passwordHash = await this.hasher.hash(next);
    await this.dataSource.transaction(async (manager) => {
      await this.users.update(manager, userId, { passwordHash });
      await this.users.bumpTokenVersion(manager, userId);
    });
  }
}
