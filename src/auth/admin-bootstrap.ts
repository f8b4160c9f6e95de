import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Role } from '../common/auth/role';
import { AppConfig } from '../config/app-config';
import { UsersRepository } from '../users/users.repository';
import { PasswordHasher } from './password-hasher';
import { PRIVACY_TERMS_VERSION } from './registration.service';
import { SessionService } from './session.service';

const REASON = 'ADMIN_EMAIL at start-up';

/**
 * ADMIN_EMAIL + ADMIN_PASSWORD at start-up: create that confirmed admin, or make the existing account
 * one. Whoever registered the address first may know its password and hold its tokens, so a promoted
 * account gets ADMIN_PASSWORD, is confirmed and unblocked, and loses every session it had. An account
 * that is already an admin is left alone, so a restart changes nothing.
 */
@Injectable()
export class AdminBootstrap {
  private readonly logger = new Logger(AdminBootstrap.name);

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
  ) {}

  async run(): Promise<void> {
    const { adminEmail, adminPassword } = this.config.auth;
    if (!adminEmail || !adminPassword) {
      return;
    }
    const existing = await this.users.findByEmail(adminEmail);
    if (existing?.roles.includes(Role.Admin)) {
      return;
    }
    const passwordHash = await this.hasher.hash(adminPassword);
    const outcome = await this.dataSource.transaction((manager) =>
      existing
        ? this.promote(manager, existing.id, passwordHash)
        : this.create(manager, adminEmail, passwordHash),
    );
    if (outcome) {
      this.logger.log({ userId: outcome.userId }, outcome.message);
    }
  }

  private async create(
    manager: EntityManager,
    email: string,
    passwordHash: string,
  ): Promise<{ userId: string; message: string } | undefined> {
    const userId = await this.users.insertIfEmailFree(manager, {
      email,
      passwordHash,
      fullName: 'Administrator',
      locale: 'ru',
      consentVersion: PRIVACY_TERMS_VERSION,
      emailConfirmedAt: new Date(),
      roles: [Role.Admin],
    });
    if (!userId) {
      return undefined; // another instance created it at the same moment
    }
    await this.record(manager, userId, 'user.admin_created');
    return { userId, message: 'admin account created' };
  }

  private async promote(
    manager: EntityManager,
    userId: string,
    passwordHash: string,
  ): Promise<{ userId: string; message: string } | undefined> {
    const user = await this.users.findByIdForUpdate(manager, userId);
    if (!user || user.roles.includes(Role.Admin)) {
      return undefined; // gone, or another instance promoted it while this one hashed
    }
    const roles = Array.from(new Set([...user.roles, Role.Admin])).sort();
    await this.users.update(manager, userId, { roles, passwordHash, blockedAt: null });
    await this.users.confirmEmail(manager, userId);
    await this.sessions.endAllSessions(manager, userId);
    await this.record(manager, userId, 'user.promoted_to_admin', { from: user.roles, to: roles });
    await this.record(manager, userId, 'user.password_set');
    await this.record(manager, userId, 'user.sessions_ended');
    return { userId, message: 'existing account made admin; password set, every session ended' };
  }

  private async record(
    manager: EntityManager,
    userId: string,
    action: string,
    details?: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.record(manager, {
      actorId: null,
      action,
      objectType: 'user',
      objectId: userId,
      reason: REASON,
      details,
    });
  }
}
