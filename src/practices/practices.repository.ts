import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { PracticeAttachment } from './entities/practice-attachment.entity';
import { PracticeRevision } from './entities/practice-revision.entity';
import { PracticeTransition } from './entities/practice-transition.entity';
import { Practice } from './entities/practice.entity';

/** Named queries for single practices, their revisions, history and attachments. */
@Injectable()
export class PracticesRepository {
  constructor(
    @InjectRepository(Practice) private readonly practices: Repository<Practice>,
    @InjectRepository(PracticeAttachment) private readonly attachments: Repository<PracticeAttachment>,
    @InjectRepository(PracticeTransition) private readonly transitions: Repository<PracticeTransition>,
    @InjectRepository(PracticeRevision) private readonly revisions: Repository<PracticeRevision>,
  ) {}

  findById(id: string, manager?: EntityManager): Promise<Practice | null> {
    return (manager?.getRepository(Practice) ?? this.practices).findOneBy({ id });
  }

  /** With names for the response: municipality, region and category in one statement. */
  findWithNames(id: string): Promise<Practice | null> {
    return this.practices.findOne({
      where: { id },
      relations: { municipality: { region: true }, category: true },
    });
  }

  findByIdForUpdate(manager: EntityManager, id: string): Promise<Practice | null> {
    return manager.getRepository(Practice).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  findByDraftKey(authorId: string, draftKey: string): Promise<Practice | null> {
    return this.practices.findOneBy({ authorId, draftKey });
  }

  async insert(manager: EntityManager, practice: Partial<Practice>): Promise<string> {
    const result = await manager.getRepository(Practice).insert(practice);
    return (result.identifiers[0] as { id: string }).id;
  }

  /** Applies an edit only if the version still matches and the status still allows edits. */
  async updateIfCurrent(
    manager: EntityManager,
    id: string,
    version: number,
    editable: readonly string[],
    changes: Partial<Practice>,
  ): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(Practice)
      .set({ ...changes, version: () => 'version + 1' })
      .where('id = :id AND version = :version AND status IN (:...editable)', { id, version, editable })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async update(manager: EntityManager, id: string, changes: Partial<Practice>): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(Practice)
      .set({ ...changes, version: () => 'version + 1' })
      .where({ id })
      .execute();
  }

  ofMunicipalities(municipalityIds: string[]): Promise<Practice[]> {
    if (municipalityIds.length === 0) {
      return Promise.resolve([]);
    }
    return this.practices.find({
      where: { municipalityId: In(municipalityIds) },
      relations: { municipality: { region: true }, category: true },
      order: { updatedAt: 'DESC' },
      take: 500,
    });
  }

  async recordTransition(manager: EntityManager, transition: Partial<PracticeTransition>): Promise<void> {
    await manager.getRepository(PracticeTransition).insert(transition);
  }

  async insertRevision(manager: EntityManager, revision: Partial<PracticeRevision>): Promise<void> {
    await manager
      .getRepository(PracticeRevision)
      .save(Object.assign(new PracticeRevision(), revision), { reload: false });
  }

  /** History with the actor's name, oldest first. */
  history(practiceId: string): Promise<(PracticeTransition & { actorName: string })[]> {
    return this.transitions
      .createQueryBuilder('t')
      .leftJoin('users', 'u', 'u.id = t.actor_id')
      .select([
        't.id AS id',
        't.action AS action',
        't.from_status AS "fromStatus"',
        't.to_status AS "toStatus"',
      ])
      .addSelect([
        't.actor_id AS "actorId"',
        't.reason AS reason',
        't.created_at AS "createdAt"',
        'u.full_name AS "actorName"',
      ])
      .where('t.practice_id = :practiceId', { practiceId })
      .orderBy('t.created_at', 'ASC')
      .getRawMany();
  }

  revisionsOf(practiceId: string): Promise<(PracticeRevision & { submitterName: string })[]> {
    return this.revisions
      .createQueryBuilder('r')
      .leftJoin('users', 'u', 'u.id = r.submitted_by')
      .select(['r.revision AS revision', 'r.content AS content', 'r.submitted_at AS "submittedAt"'])
      .addSelect(['r.submitted_by AS "submittedBy"', 'u.full_name AS "submitterName"'])
      .where('r.practice_id = :practiceId', { practiceId })
      .orderBy('r.revision', 'DESC')
      .getRawMany();
  }

  attachmentsOf(practiceId: string): Promise<PracticeAttachment[]> {
    return this.attachments.find({ where: { practiceId }, order: { createdAt: 'ASC' } });
  }
}
