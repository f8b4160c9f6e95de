import { AuditEntry } from '../audit/entities/audit-entry.entity';
import { EmailToken } from '../auth/entities/email-token.entity';
import { RefreshToken } from '../auth/entities/refresh-token.entity';
import { OutboxEmail } from '../notifications/entities/outbox-email.entity';
import { User } from '../users/entities/user.entity';

/** Every entity, listed once so the app, the migration CLI and the tests see the same schema. */
export const ENTITIES = [User, RefreshToken, EmailToken, OutboxEmail, AuditEntry];
