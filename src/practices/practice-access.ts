import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuthUser, hasRole } from '../common/auth/auth-user';
import { Role } from '../common/auth/role';
import { RepresentativesRepository } from '../representatives/representatives.repository';
import { Practice } from './entities/practice.entity';
import { PracticeErrors } from './practices.errors';
import { PracticesRepository } from './practices.repository';

/**
 * Object-level access to practices (§1). Owners are the approved representatives of the practice's
 * municipality. Anyone reads a published practice; owners read theirs in any status; moderators read
 * one once it was submitted, never a draft that was not. Whatever a caller may not read is a 404, so
 * drafts cannot be discovered.
 */
@Injectable()
export class PracticeAccess {
  constructor(
    private readonly practices: PracticesRepository,
    private readonly representatives: RepresentativesRepository,
  ) {}

  async isOwner(caller: AuthUser | undefined, practice: Pick<Practice, 'municipalityId'>): Promise<boolean> {
    return caller ? this.representatives.isRepresentative(caller.id, practice.municipalityId) : false;
  }

  async canRead(caller: AuthUser | undefined, practice: Practice): Promise<boolean> {
    if (practice.status === 'published') {
      return true;
    }
    if (caller && hasRole(caller, Role.Moderator) && practice.firstSubmittedAt !== null) {
      return true;
    }
    return this.isOwner(caller, practice);
  }

  /** The practice if the caller may read it, else 404. */
  async requireReadable(caller: AuthUser | undefined, id: string): Promise<Practice> {
    const practice = await this.practices.findById(id);
    if (!practice || !(await this.canRead(caller, practice))) {
      throw PracticeErrors.notFound();
    }
    return practice;
  }

  /**
   * Unlocked, for a check before costly work (an upload's body is read only after it): 404 when
   * the caller may not even read it, 403 when they only may read.
   */
  async requireOwner(caller: AuthUser, id: string): Promise<Practice> {
    return this.ownedByCaller(caller, await this.practices.findById(id));
  }

  /** Locked for change by an owner: 404 when the caller may not even read it, 403 when they only may read. */
  async requireOwnerForUpdate(manager: EntityManager, caller: AuthUser, id: string): Promise<Practice> {
    return this.ownedByCaller(caller, await this.practices.findByIdForUpdate(manager, id));
  }

  /** Locked for a moderation decision: never on a practice of a municipality the moderator represents. */
  async requireModeratableForUpdate(
    manager: EntityManager,
    moderator: AuthUser,
    id: string,
  ): Promise<Practice> {
    const practice = await this.practices.findByIdForUpdate(manager, id);
    if (!practice || practice.firstSubmittedAt === null) {
      throw PracticeErrors.notFound();
    }
    if (await this.isOwner(moderator, practice)) {
      throw PracticeErrors.ownMunicipality();
    }
    return practice;
  }

  private async ownedByCaller(caller: AuthUser, practice: Practice | null): Promise<Practice> {
    if (!practice) {
      throw PracticeErrors.notFound();
    }
    if (await this.isOwner(caller, practice)) {
      return practice;
    }
    throw (await this.canRead(caller, practice)) ? PracticeErrors.notOwner() : PracticeErrors.notFound();
  }
}
