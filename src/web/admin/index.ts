import { AdminWebController } from './admin.controller';
import { AdminAuditHandler } from './admin-audit.handler';
import { AdminOutboxHandler } from './admin-outbox.handler';
import { AdminUsersHandler } from './admin-users.handler';

/**
 * The administration pages: users, the email outbox, the audit log (registered by WebModule). Their
 * services come from UsersModule (imported there) and the global notifications and audit modules.
 */
export const ADMIN_CONTROLLERS = [AdminWebController];
export const ADMIN_PROVIDERS = [AdminUsersHandler, AdminOutboxHandler, AdminAuditHandler];
