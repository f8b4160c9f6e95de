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
   * Marks a live token used and returns it, in one statement: two concurrent uses of the same token
   * cannot both succeed.
   */
  async consumeEmailToken(
    manager: EntityManager,
    purpose: EmailTokenPurpose,
    tokenHash: string,
  ): Promise<EmailToken | undefined> {
    const result = await manager
      .createQueryBuilder()
      .update(EmailToken)
      .set({ usedAt: () => 'now()' })
      .where({ purpose, tokenHash, usedAt: IsNull(), expiresAt: MoreThan(new Date()) })
      .returning(['id', 'userId'])
      .execute();
    const rows = result.raw as { id: string; user_id: string }[];
    return rows[0] ? Object.assign(new EmailToken(), { id: rows[0].id, userId: rows[0].user_id }) : undefined;
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
}
