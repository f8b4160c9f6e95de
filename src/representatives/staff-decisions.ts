import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../common/auth/auth-user';
import { Decision, decisionBy } from '../common/decisions/decision';
import { DecisionErrors } from '../common/decisions/decision.errors';
import { nextStatusIn, TransitionTable } from '../common/decisions/transition-table';
import { DomainError } from '../common/errors/domain-error';
import { RepresentativesRepository } from './representatives.repository';

/** What the rules of §1 need to know about a request waiting for staff. */
export interface PendingFacts<S extends string> {
  id: string;
  status: S;
  /** Who asked: nobody decides their own request. */
  requesterId: string;
  /** The municipality concerned: its representatives never decide (conflict of interest). */
  municipalityId: string;
}

export interface StaffDecisionSpec<T, S extends string, A extends string> {
  table: TransitionTable<S, A>;
  action: A;
  reason?: string;
  /** Loads the item locked FOR UPDATE (and whatever must be locked before it); null when none. */
  lock: () => Promise<T | null>;
  facts: (item: T) => PendingFacts<S>;
  errors: { notFound: () => DomainError; ownRequest: () => DomainError; alreadyDecided: () => DomainError };
  /** Writes the new status and decision; may return details for the audit entry (an entry's number). */
  apply: (item: T, status: S, decision: Decision) => Promise<Record<string, unknown> | void>;
  /** `objectType` of the audit entry and the prefix of its action (`<prefix>.<new status>`). */
  audit: { objectType: string; prefix: string; details: (item: T) => Record<string, unknown> };
}

export interface StaffDecisionOutcome<T, S extends string> {
  item: T;
  status: S;
  decision: Decision;
}

/**
 * The one way staff decide a pending request (representative memberships, voter verifications, contest
 * entries), inside the caller's transaction: lock → not your own request → not your municipality →
 * still pending → apply and audit. Keeping the order in one place keeps the three flows alike.
 */
@Injectable()
export class StaffDecisions {
  constructor(
    private readonly representatives: RepresentativesRepository,
    private readonly audit: AuditService,
  ) {}

  async decide<T, S extends string, A extends string>(
    manager: EntityManager,
    staff: AuthUser,
    spec: StaffDecisionSpec<T, S, A>,
  ): Promise<StaffDecisionOutcome<T, S>> {
    if (spec.table[spec.action].needsReason && !spec.reason) {
      throw DecisionErrors.reasonRequired();
    }
    const item = await spec.lock();
    if (!item) {
      throw spec.errors.notFound();
    }
    const facts = spec.facts(item);
    if (facts.requesterId === staff.id) {
      throw spec.errors.ownRequest();
    }
    if (await this.representatives.isRepresentative(staff.id, facts.municipalityId, manager)) {
      throw DecisionErrors.ownMunicipality();
    }
    const status = nextStatusIn(spec.table, facts.status, spec.action);
    if (!status) {
      throw spec.errors.alreadyDecided();
    }
    const decision = decisionBy(staff.id, spec.reason);
    const extra = await spec.apply(item, status, decision);
    await this.audit.record(manager, {
      actorId: staff.id,
      action: `${spec.audit.prefix}.${status}`,
      objectType: spec.audit.objectType,
      objectId: facts.id,
      reason: spec.reason,
      details: { ...spec.audit.details(item), ...(extra ?? {}) },
    });
    return { item, status, decision };
  }
}
