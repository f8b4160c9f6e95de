import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../common/auth/auth-user';
import { CommonErrors } from '../common/errors/domain-error';
import { resolveName } from '../common/i18n/localized-name';
import { GeographyRepository } from '../geography/geography.repository';
import { GeographyErrors } from '../geography/geography.errors';
import { StaffNotifier } from '../notifications/staff-notifier';
import { OutboxService } from '../notifications/outbox.service';
import { PracticeErrors } from '../practices/practices.errors';
import { UsersRepository } from '../users/users.repository';
import {
  MembershipDecisionDto,
  MembershipDto,
  RemovalDto,
  RepresentativeDto,
  toMembershipDto,
} from './dto/representative.dto';
import { RepresentativeErrors } from './representatives.errors';
import { RepresentativesRepository } from './representatives.repository';

/** Who represents which municipality: requests, moderator decisions, removals. All audited. */
@Injectable()
export class RepresentativesService {
  private readonly logger = new Logger(RepresentativesService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly memberships: RepresentativesRepository,
    private readonly geography: GeographyRepository,
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly staff: StaffNotifier,
  ) {}

  async request(caller: AuthUser, municipalityId: string): Promise<MembershipDto> {
    const municipality = await this.geography.findMunicipality(municipalityId);
    if (!municipality) {
      throw GeographyErrors.municipalityNotFound();
    }
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
    if (decision.action === 'refuse' && !decision.reason) {
      throw CommonErrors.validation([
        { field: 'reason', code: 'reasonRequired', message: 'a reason is required to refuse' },
      ]);
    }
    const decided = await this.dataSource.transaction(async (manager) => {
      const membership = await this.memberships.findForUpdate(manager, membershipId);
      if (!membership) {
        throw RepresentativeErrors.requestNotFound();
      }
      if (membership.userId === moderator.id) {
        throw RepresentativeErrors.ownRequest();
      }
      if (await this.memberships.isRepresentative(moderator.id, membership.municipalityId)) {
        throw PracticeErrors.ownMunicipality(); // §1: no staff member decides on their own municipality's items
      }
      if (membership.status !== 'pending') {
        throw RepresentativeErrors.alreadyDecided();
      }
      const status = decision.action === 'approve' ? 'approved' : 'refused';
      const changes = {
        status,
        decidedBy: moderator.id,
        decidedAt: new Date(),
        reason: decision.reason ?? null,
      } as const;
      await this.memberships.update(manager, membership.id, changes);
      await this.audit.record(manager, {
        actorId: moderator.id,
        action: `representative.${decision.action === 'approve' ? 'approved' : 'refused'}`,
        objectType: 'representative_membership',
        objectId: membership.id,
        reason: decision.reason,
        details: { userId: membership.userId, municipalityId: membership.municipalityId },
      });
      await this.emailRequester(
        manager,
        membership.userId,
        membership.municipalityId,
        status,
        decision.reason,
      );
      return { ...membership, ...changes };
    });
    this.logger.log({ membershipId, action: decision.action }, 'representation decided');
    return toMembershipDto(decided);
  }

  async remove(staff: AuthUser, municipalityId: string, userId: string, dto: RemovalDto): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const membership = await this.memberships.findApprovedForUpdate(manager, userId, municipalityId);
      if (!membership) {
        throw RepresentativeErrors.notARepresentative();
      }
      await this.memberships.update(manager, membership.id, {
        status: 'removed',
        decidedBy: staff.id,
        decidedAt: new Date(),
        reason: dto.reason ?? null,
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
    outcome: 'approved' | 'refused' | 'removed',
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
