import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Role } from '../common/auth/role';
import { AppConfig } from '../config/app-config';
import { UsersRepository } from '../users/users.repository';
import { PasswordHasher } from './password-hasher';
import { PRIVACY_TERMS_VERSION } from './registration.service';

/**
 * ADMIN_EMAIL + ADMIN_PASSWORD at start-up: create that confirmed admin, or promote (and confirm)
 * the existing account. Idempotent: a restart changes nothing. An existing password is kept.
 */
@Injectable()
export class AdminBootstrap {
  private readonly logger = new Logger(AdminBootstrap.name);

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
  ) {}

  async run(): Promise<void> {
    const { adminEmail, adminPassword } = this.config.auth;
    if (!adminEmail || !adminPassword) {
      return;
    }
    const existing = await this.users.findByEmail(adminEmail);
    if (existing?.roles.includes(Role.Admin) && existing.emailConfirmedAt && !existing.blockedAt) {
      return;
    }
    const passwordHash = existing ? undefined : await this.hasher.hash(adminPassword);
    await this.dataSource.transaction(async (manager) => {
      let userId = existing?.id;
      if (!userId && passwordHash) {
        userId =
          (await this.users.insertIfEmailFree(manager, {
            email: adminEmail,
            passwordHash,
            fullName: 'Administrator',
            locale: 'ru',
            consentVersion: PRIVACY_TERMS_VERSION,
            emailConfirmedAt: new Date(),
            roles: [Role.Admin],
          })) ?? undefined;
      }
      if (!userId) {
        return; // another instance created it at the same moment
      }
      const roles = Array.from(new Set([...(existing?.roles ?? []), Role.Admin])).sort();
      await this.users.update(manager, userId, { roles, blockedAt: null });
      await this.users.confirmEmail(manager, userId);
      await this.audit.record(manager, {
        actorId: null,
        action: existing ? 'user.promoted_to_admin' : 'user.admin_created',
        objectType: 'user',
        objectId: userId,
        reason: 'ADMIN_EMAIL at start-up',
      });
    });
    this.logger.log(
      { email: adminEmail },
      existing ? 'existing account promoted to admin' : 'admin account created',
    );
  }
}
