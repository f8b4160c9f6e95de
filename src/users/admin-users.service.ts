import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../common/auth/auth-user';
import { Role } from '../common/auth/role';
import {
  AdminUpdateUserDto,
  AdminUserDto,
  AdminUserPageDto,
  AdminUserQueryDto,
  toAdminUser,
} from './dto/admin-user.dto';
import { User } from './entities/user.entity';
import { UserErrors } from './users.errors';
import { UsersRepository } from './users.repository';

/** Admin management of users: search, staff roles, blocking. Every change is audited. */
@Injectable()
export class AdminUsersService {
  private readonly logger = new Logger(AdminUsersService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
  ) {}

  async search(query: AdminUserQueryDto): Promise<AdminUserPageDto> {
    const page = await this.users.search({ ...query, limit: query.limit ?? 20 });
    return { items: page.items.map(toAdminUser), nextCursor: page.nextCursor };
  }

  async get(userId: string): Promise<AdminUserDto> {
    const user = await this.users.findById(userId);
    if (!user) {
      throw UserErrors.notFound();
    }
    return toAdminUser(user);
  }

  /** The id of the account with this email, for filters that let an admin type an address. */
  async idOfEmail(email: string): Promise<string | null> {
    return (await this.users.findByEmail(email))?.id ?? null;
  }

  /** Names and emails of the given accounts (e.g. the actors of audit entries); unknown ids are left out. */
  async namesOf(ids: string[]): Promise<Map<string, { fullName: string; email: string }>> {
    const users = await this.users.findByIds([...new Set(ids)]);
    return new Map(users.map((user) => [user.id, { fullName: user.fullName, email: user.email }]));
  }

  async update(admin: AuthUser, userId: string, changes: AdminUpdateUserDto): Promise<AdminUserDto> {
    await this.dataSource.transaction(async (manager) => {
      const user = await this.users.findByIdForUpdate(manager, userId);
      if (!user) {
        throw UserErrors.notFound();
      }
      if (
        user.id === admin.id &&
        (changes.blocked === true || (changes.roles && !changes.roles.includes(Role.Admin)))
      ) {
        throw UserErrors.cannotChangeOwnAccess();
      }
      if (changes.roles) {
        await this.setRoles(manager, admin, user, changes.roles);
      }
      if (changes.blocked !== undefined && changes.blocked !== (user.blockedAt !== null)) {
        await this.setBlocked(manager, admin, user, changes.blocked);
      }
    });
    const updated = await this.users.findById(userId);
    return toAdminUser(updated as User);
  }

  private async setRoles(manager: EntityManager, admin: AuthUser, user: User, roles: Role[]): Promise<void> {
    const sorted = [...roles].sort();
    if (sorted.join() === [...user.roles].sort().join()) {
      return;
    }
    await this.users.update(manager, user.id, { roles: sorted });
    await this.audit.record(manager, {
      actorId: admin.id,
      action: 'user.roles_changed',
      objectType: 'user',
      objectId: user.id,
      details: { from: user.roles, to: sorted },
    });
    this.logger.log({ userId: user.id, roles: sorted }, 'roles changed');
  }

  private async setBlocked(
    manager: EntityManager,
    admin: AuthUser,
    user: User,
    blocked: boolean,
  ): Promise<void> {
    await this.users.update(manager, user.id, { blockedAt: blocked ? new Date() : null });
    if (blocked) {
      // Every access and refresh token carries the old version and stops working at once.
      await this.users.bumpTokenVersion(manager, user.id);
    }
    await this.audit.record(manager, {
      actorId: admin.id,
      action: blocked ? 'user.blocked' : 'user.unblocked',
      objectType: 'user',
      objectId: user.id,
    });
    this.logger.log({ userId: user.id }, blocked ? 'user blocked' : 'user unblocked');
  }
}
