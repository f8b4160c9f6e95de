import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { RepresentativeMembership } from './entities/representative-membership.entity';

const ACTIVE = ['pending', 'approved'] as const;

@Injectable()
export class RepresentativesRepository {
  constructor(
    @InjectRepository(RepresentativeMembership)
    private readonly memberships: Repository<RepresentativeMembership>,
  ) {}

  /** Inserts a pending request unless one is pending or approved already (the partial unique index decides). */
  async insertRequest(
    manager: EntityManager,
    userId: string,
    municipalityId: string,
  ): Promise<RepresentativeMembership | null> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(RepresentativeMembership)
      .values({ userId, municipalityId, status: 'pending' })
      .orIgnore()
      .returning('*')
      .execute();
    const id = (result.raw as { id: string }[])[0]?.id;
    return id ? manager.getRepository(RepresentativeMembership).findOneByOrFail({ id }) : null;
  }

  findForUpdate(manager: EntityManager, id: string): Promise<RepresentativeMembership | null> {
    return manager
      .getRepository(RepresentativeMembership)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  findApprovedForUpdate(
    manager: EntityManager,
    userId: string,
    municipalityId: string,
  ): Promise<RepresentativeMembership | null> {
    return manager.getRepository(RepresentativeMembership).findOne({
      where: { userId, municipalityId, status: 'approved' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async update(
    manager: EntityManager,
    id: string,
    changes: Partial<RepresentativeMembership>,
  ): Promise<void> {
    await manager.getRepository(RepresentativeMembership).update({ id }, changes);
  }

  ofUser(userId: string): Promise<RepresentativeMembership[]> {
    return this.memberships.find({ where: { userId }, order: { createdAt: 'DESC' } });
  }

  activeOfMunicipality(municipalityId: string): Promise<RepresentativeMembership[]> {
    return this.memberships.find({
      where: { municipalityId, status: In([...ACTIVE]) },
      relations: { user: true },
      order: { createdAt: 'ASC' },
    });
  }

  /** The municipalities a user currently represents (approved memberships). */
  async municipalityIdsOf(userId: string, manager?: EntityManager): Promise<string[]> {
    const repo = manager ? manager.getRepository(RepresentativeMembership) : this.memberships;
    const rows = await repo.find({ select: { municipalityId: true }, where: { userId, status: 'approved' } });
    return rows.map((row) => row.municipalityId);
  }

  async isRepresentative(userId: string, municipalityId: string, manager?: EntityManager): Promise<boolean> {
    const repo = manager ? manager.getRepository(RepresentativeMembership) : this.memberships;
    return repo.exists({ where: { userId, municipalityId, status: 'approved' } });
  }

  /** Approved representatives of a municipality with their email settings, for notifications. */
  representativesOf(municipalityId: string): Promise<RepresentativeMembership[]> {
    return this.memberships.find({
      where: { municipalityId, status: 'approved' },
      relations: { user: true },
    });
  }
}
