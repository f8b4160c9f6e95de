import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, MoreThan, Repository } from 'typeorm';
import { EmailToken, EmailTokenPurpose } from './entities/email-token.entity';
import { RefreshToken } from './entities/refresh-token.entity';

/** Named queries over email tokens and refresh tokens; tokens are looked up by their SHA-256 only. */
@Injectable()
export class AuthTokensRepository {
  constructor(
    @InjectRepository(RefreshToken) private readonly refreshTokens: Repository<RefreshToken>,
    @InjectRepository(EmailToken) private readonly emailTokens: Repository<EmailToken>,
  ) {}

  async insertEmailToken(
    manager: EntityManager,
    token: Pick<EmailToken, 'userId' | 'purpose' | 'tokenHash' | 'expiresAt'>,
  ): Promise<void> {
    await manager.getRepository(EmailToken).insert(token);
  }

  /**
   * Voids every live token of this account and purpose (marks it used) before a new one is issued,
   * so a link left in an older email no longer works. The account's row is locked first (as when a
   * token is used), so two requests issuing at once cannot both leave a live token.
   */
  async voidLiveEmailTokens(
    manager: EntityManager,
    userId: string,
    purpose: EmailTokenPurpose,
  ): Promise<void> {
    await this.lockAccount(manager, userId);
    await this.voidLive(manager, userId, purpose);
  }

  /**
   * Uses a live token up and returns it; every other live token of that account and purpose is
   * voided with it. The token's account row is locked before any token row, in the same order as
   * `voidLiveEmailTokens`, so a use and an issue at the same moment cannot deadlock. The UPDATE …
   * RETURNING decides a race: two concurrent uses of the same token cannot both succeed.
   */
  async consumeEmailToken(
    manager: EntityManager,
    purpose: EmailTokenPurpose,
    tokenHash: string,
  ): Promise<EmailToken | undefined> {
    const owner = await manager.getRepository(EmailToken).findOne({
      select: { userId: true },
      where: { purpose, tokenHash },
    });
    if (!owner) {
      return undefined;
    }
    await this.lockAccount(manager, owner.userId);
    const result = await manager
      .createQueryBuilder()
      .update(EmailToken)
      .set({ usedAt: () => 'now()' })
      .where({ purpose, tokenHash, usedAt: IsNull(), expiresAt: MoreThan(new Date()) })
      .returning(['id', 'userId'])
      .execute();
    const rows = result.raw as { id: string; user_id: string }[];
    if (!rows[0]) {
      return undefined;
    }
    await this.voidLive(manager, rows[0].user_id, purpose);
    return Object.assign(new EmailToken(), { id: rows[0].id, userId: rows[0].user_id });
  }

  findEmailToken(purpose: EmailTokenPurpose, tokenHash: string): Promise<EmailToken | null> {
    return this.emailTokens.findOneBy({
      purpose,
      tokenHash,
      usedAt: IsNull(),
      expiresAt: MoreThan(new Date()),
    });
  }

  async insertRefreshToken(
    manager: EntityManager,
    token: Pick<RefreshToken, 'userId' | 'familyId' | 'tokenHash' | 'tokenVersion' | 'expiresAt'>,
  ): Promise<void> {
    await manager.getRepository(RefreshToken).insert(token);
  }

  findRefreshTokenForUpdate(manager: EntityManager, tokenHash: string): Promise<RefreshToken | null> {
    return manager
      .getRepository(RefreshToken)
      .findOne({ where: { tokenHash }, lock: { mode: 'pessimistic_write' } });
  }

  async markRefreshTokenUsed(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(RefreshToken).update({ id }, { usedAt: new Date() });
  }

  async revokeFamily(manager: EntityManager, familyId: string): Promise<void> {
    await manager
      .getRepository(RefreshToken)
      .update({ familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  async revokeAllOfUser(manager: EntityManager, userId: string): Promise<void> {
    await manager
      .getRepository(RefreshToken)
      .update({ userId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** Revocation outside a transaction (logout, reuse detection), so it survives the request's error. */
  async revokeFamilyNow(familyId: string): Promise<void> {
    await this.revokeFamily(this.refreshTokens.manager, familyId);
  }

  private async lockAccount(manager: EntityManager, userId: string): Promise<void> {
    await manager.query('SELECT 1 FROM users WHERE id = $1 FOR NO KEY UPDATE', [userId]);
  }

  private async voidLive(manager: EntityManager, userId: string, purpose: EmailTokenPurpose): Promise<void> {
    await manager
      .getRepository(EmailToken)
      .update({ userId, purpose, usedAt: IsNull() }, { usedAt: () => 'now()' });
  }
}
