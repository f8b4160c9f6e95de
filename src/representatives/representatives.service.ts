import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../common/auth/auth-user';
import { decisionBy } from '../common/decisions/decision';
import { RateLimiter, RateRule, rateRules } from '../common/rate-limit/rate-limiter.service';
import { AppConfig } from '../config/app-config';
import { resolveName } from '../common/i18n/localized-name';
import { GeographyRepository } from '../geography/geography.repository';
import { GeographyErrors } from '../geography/geography.errors';
import { StaffNotifier } from '../notifications/staff-notifier';
import { OutboxService } from '../notifications/outbox.service';
import { UsersRepository } from '../users/users.repository';
import {
  MembershipDecisionDto,
  MembershipDto,
  RemovalDto,
  RepresentativeDto,
  toMembershipDto,
} from './dto/representative.dto';
import { MEMBERSHIP_TRANSITIONS, MembershipStatus, nextMembershipStatus } from './membership-status';
import { RepresentativeErrors } from './representatives.errors';
import { RepresentativesRepository } from './representatives.repository';
import { StaffDecisions } from './staff-decisions';

/** Who represents which municipality: requests, moderator decisions, removals. All audited. */
@Injectable()
export class RepresentativesService {
  private readonly logger = new Logger(RepresentativesService.name);
  private readonly requestLimit: RateRule;

  constructor(
    config: AppConfig,
    private readonly rateLimiter: RateLimiter,
    private readonly dataSource: DataSource,
    private readonly memberships: RepresentativesRepository,
    private readonly geography: GeographyRepository,
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly staff: StaffNotifier,
    private readonly decisions: StaffDecisions,
  ) {
    this.requestLimit = rateRules(config).representativeRequestsPerUser;
  }

  async request(caller: AuthUser, municipalityId: string): Promise<MembershipDto> {
    const municipality = await this.geography.findMunicipality(municipalityId);
    if (!municipality) {
      throw GeographyErrors.municipalityNotFound();
    }
    // Every request emails every moderator: a user may not flood them (429 past the daily limit).
    await this.rateLimiter.consume(this.requestLimit, caller.id);
    const membership = await this.dataSource.transaction(async (manager) => {
      const created = await this.memberships.insertRequest(manager, caller.id, municipalityId);
      if (!created) {
        throw RepresentativeErrors.alreadyRequested();
      }
      const requester = await this.users.findById(caller.id, manager);
      await this.staff.notifyModerators(manager, 'representative-requested', (locale) => ({
        requesterName: requester?.fullName ?? caller.email,
        municipalityName: resolveName(municipality, locale),
      }));
      return created;
    });
    this.logger.log({ membershipId: membership.id, municipalityId }, 'representation requested');
    return toMembershipDto(membership);
  }

  async mine(caller: AuthUser): Promise<MembershipDto[]> {
    return (await this.memberships.ofUser(caller.id)).map(toMembershipDto);
  }

  async ofMunicipality(municipalityId: string): Promise<RepresentativeDto[]> {
    const rows = await this.memberships.activeOfMunicipality(municipalityId);
    return rows.map((m) => ({
      ...toMembershipDto(m),
      fullName: m.user?.fullName ?? '',
      email: m.user?.email ?? '',
    }));
  }

  async decide(
    moderator: AuthUser,
    membershipId: string,
    decision: MembershipDecisionDto,
  ): Promise<MembershipDto> {
    const decided = await this.dataSource.transaction(async (manager) => {
      const {
        item,
        status,
        decision: made,
      } = await this.decisions.decide(manager, moderator, {
        table: MEMBERSHIP_TRANSITIONS,
        action: decision.action,
        reason: decision.reason,
        lock: () => this.memberships.findForUpdate(manager, membershipId),
        facts: (m) => ({
          id: m.id,
          status: m.status,
          requesterId: m.userId,
          municipalityId: m.municipalityId,
        }),
        errors: {
          notFound: RepresentativeErrors.requestNotFound,
          ownRequest: RepresentativeErrors.ownRequest,
          alreadyDecided: RepresentativeErrors.alreadyDecided,
        },
        apply: async (m, next, made) => {
          await this.memberships.update(manager, m.id, { status: next, decision: made });
        },
        audit: {
          objectType: 'representative_membership',
          prefix: 'representative',
          details: (m) => ({ userId: m.userId, municipalityId: m.municipalityId }),
        },
      });
      await this.emailRequester(manager, item.userId, item.municipalityId, status, decision.reason);
      return { ...item, status, decision: made };
    });
    this.logger.log({ membershipId, action: decision.action }, 'representation decided');
    return toMembershipDto(decided);
  }

  async remove(staff: AuthUser, municipalityId: string, userId: string, dto: RemovalDto): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const membership = await this.memberships.findApprovedForUpdate(manager, userId, municipalityId);
      const status = membership && nextMembershipStatus(membership.status, 'remove');
      if (!membership || !status) {
        throw RepresentativeErrors.notARepresentative();
      }
      await this.memberships.update(manager, membership.id, {
        status,
        decision: decisionBy(staff.id, dto.reason),
      });
      await this.audit.record(manager, {
        actorId: staff.id,
        action: 'representative.removed',
        objectType: 'representative_membership',
        objectId: membership.id,
        reason: dto.reason,
        details: { userId, municipalityId },
      });
      await this.emailRequester(manager, userId, municipalityId, 'removed', dto.reason);
    });
  }

  private async emailRequester(
    manager: EntityManager,
    userId: string,
    municipalityId: string,
    outcome: MembershipStatus,
    reason: string | undefined,
  ): Promise<void> {
    const user = await this.users.findById(userId, manager);
    const municipality = await this.geography.findMunicipality(municipalityId);
    if (!user || !municipality) {
      return;
    }
    await this.outbox.enqueue(manager, {
      to: user.email,
      locale: user.locale,
      template: 'representative-decided',
      vars: {
        fullName: user.fullName,
        municipalityName: resolveName(municipality, user.locale),
        [outcome]: true,
        reason,
      },
      actionPath: '/',
    });
  }
}
