import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuthUser } from '../common/auth/auth-user';
import { Keyring } from '../common/crypto/keyring';
import { RateLimiter, RateRule, rateRules } from '../common/rate-limit/rate-limiter.service';
import { AppConfig } from '../config/app-config';
import { violatedUniqueIndex } from '../database/unique-violation';
import { GeographyErrors } from '../geography/geography.errors';
import { GeographyRepository } from '../geography/geography.repository';
import { OutboxService } from '../notifications/outbox.service';
import { StaffNotifier } from '../notifications/staff-notifier';
import { StaffDecisions } from '../representatives/staff-decisions';
import { User } from '../users/entities/user.entity';
import {
  VerificationDecisionDto,
  VerificationRequestDto,
  VerificationReviewDto,
  VerificationStatusDto,
} from './dto/verification.dto';
import { VoterVerification } from './entities/voter-verification.entity';
import { VerificationErrors } from './verification.errors';
import { VERIFICATION_TRANSITIONS, VerificationStatus } from './verification-status';

const toStatus = (v: VoterVerification): VerificationStatusDto => ({
  id: v.id,
  status: v.status,
  reason: v.decision.reason,
  requestedAt: v.createdAt,
  decidedAt: v.decision.at,
});

/**
 * Voter verification: a citizen gives a phone, a municipality of residence and optionally the PIN; a
 * moderator decides. The PIN is kept only as a keyed hash under a unique index, so a second account of
 * the same person cannot be verified; the clash is recorded for moderators and never told to the user.
 */
@Injectable()
export class VerificationService {
  private readonly logger = new Logger(VerificationService.name);
  private readonly requestLimit: RateRule;

  constructor(
    config: AppConfig,
    private readonly rateLimiter: RateLimiter,
    private readonly dataSource: DataSource,
    private readonly geography: GeographyRepository,
    private readonly keyring: Keyring,
    private readonly outbox: OutboxService,
    private readonly staff: StaffNotifier,
    private readonly decisions: StaffDecisions,
  ) {
    this.requestLimit = rateRules(config).verificationRequestsPerUser;
  }

  async request(caller: AuthUser, dto: VerificationRequestDto): Promise<VerificationStatusDto> {
    if (!(await this.geography.findMunicipality(dto.municipalityId))) {
      throw GeographyErrors.municipalityNotFound();
    }
    // Every request emails every moderator: a user may not flood them (429 past the daily limit).
    await this.rateLimiter.consume(this.requestLimit, caller.id);
    const pinHash = dto.pin ? this.keyring.keyedHash('voter-pin', dto.pin) : null;
    try {
      return toStatus(await this.insertRequest(caller, dto, pinHash));
    } catch (error) {
      const constraint = violatedUniqueIndex(error);
      if (constraint === 'voter_verifications_live_key') {
        throw VerificationErrors.alreadyRequested(); // a double submit that raced the check
      }
      if (constraint === 'voter_verifications_pin_key') {
        // Another account committed the same PIN at the same moment: now the clash is visible.
        return toStatus(await this.insertRequest(caller, dto, pinHash));
      }
      throw error;
    }
  }

  private insertRequest(caller: AuthUser, dto: VerificationRequestDto, pinHash: string | null) {
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(VoterVerification);
      if (await repo.exists({ where: { userId: caller.id, status: In(['pending', 'approved']) } })) {
        throw VerificationErrors.alreadyRequested();
      }
      const clash = pinHash
        ? await repo.findOne({
            where: { pinHash, status: In(['pending', 'approved']) },
            lock: { mode: 'pessimistic_read' },
          })
        : null;
      const verification = await repo.save({
        userId: caller.id,
        phone: dto.phone,
        municipalityId: dto.municipalityId,
        // On a clash the hash cannot be stored (unique); the link to the other request is, for moderators.
        pinHash: clash ? null : pinHash,
        pinClashWith: clash?.id ?? null,
      });
      if (clash) {
        this.logger.warn(
          { verificationId: verification.id, clashWith: clash.id },
          'PIN already used by another account',
        );
      }
      await this.staff.notifyModerators(manager, 'verification-requested', () => ({
        requesterName: caller.fullName,
      }));
      return verification;
    });
  }

  async mine(caller: AuthUser): Promise<VerificationStatusDto | null> {
    const latest = await this.dataSource
      .getRepository(VoterVerification)
      .findOne({ where: { userId: caller.id }, order: { createdAt: 'DESC' } });
    return latest ? toStatus(latest) : null;
  }

  async review(id: string): Promise<VerificationReviewDto> {
    const verification = await this.dataSource.getRepository(VoterVerification).findOneBy({ id });
    if (!verification) {
      throw VerificationErrors.notFound();
    }
    const user = await this.dataSource.getRepository(User).findOneByOrFail({ id: verification.userId });
    return {
      ...toStatus(verification),
      userId: verification.userId,
      fullName: user.fullName,
      phone: verification.phone,
      municipalityId: verification.municipalityId,
      pinGiven: verification.pinHash !== null || verification.pinClashWith !== null,
      pinClashWith: verification.pinClashWith,
    };
  }

  async decide(
    moderator: AuthUser,
    id: string,
    dto: VerificationDecisionDto,
  ): Promise<VerificationStatusDto> {
    const decided = await this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(VoterVerification);
      const { item, status, decision } = await this.decisions.decide(manager, moderator, {
        table: VERIFICATION_TRANSITIONS,
        action: dto.action,
        reason: dto.reason,
        lock: () => repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } }),
        // A moderator who represents the municipality of residence does not verify its voters (§1).
        facts: (v) => ({
          id: v.id,
          status: v.status,
          requesterId: v.userId,
          municipalityId: v.municipalityId,
        }),
        errors: {
          notFound: VerificationErrors.notFound,
          ownRequest: VerificationErrors.own,
          alreadyDecided: VerificationErrors.decided,
        },
        apply: async (v, next, made) => {
          if (next === 'approved' && (await this.clashIsLive(manager, v))) {
            throw VerificationErrors.pinClash();
          }
          await repo.update({ id }, { status: next, decision: made });
          if (next === 'approved') {
            await manager
              .getRepository(User)
              .update({ id: v.userId }, { voterVerifiedAt: made.at, voterVerifiedBy: moderator.id });
          }
        },
        audit: {
          objectType: 'voter_verification',
          prefix: 'verification',
          details: (v) => ({ userId: v.userId, pinClash: v.pinClashWith !== null }),
        },
      });
      await this.emailUser(manager, item.userId, status, dto.reason);
      return { ...item, status, decision };
    });
    return toStatus(decided);
  }

  /** The other request with the same PIN still stands (pending or approved): this one cannot be approved. */
  private async clashIsLive(manager: EntityManager, verification: VoterVerification): Promise<boolean> {
    if (!verification.pinClashWith) {
      return false;
    }
    return manager
      .getRepository(VoterVerification)
      .exists({ where: { id: verification.pinClashWith, status: In(['pending', 'approved']) } });
  }

  private async emailUser(
    manager: EntityManager,
    userId: string,
    status: VerificationStatus,
    reason?: string,
  ) {
    const user = await manager.getRepository(User).findOneBy({ id: userId });
    if (!user) {
      return;
    }
    await this.outbox.enqueue(manager, {
      to: user.email,
      locale: user.locale,
      template: 'verification-decided',
      vars: { fullName: user.fullName, [status]: true, reason },
      actionPath: '/',
    });
  }
}
