import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { Role } from '../common/auth/role';
import { decodeCursor, encodeCursor } from '../common/http/cursor';
import { Locale } from '../common/i18n/locale';
import { DEFAULT_NOTIFICATION_PREFERENCES, User } from './entities/user.entity';

export interface NewUser {
  email: string;
  passwordHash: string;
  fullName: string;
  locale: Locale;
  consentVersion: string;
  emailConfirmedAt?: Date | null;
  roles?: Role[];
}

export interface UserSearch {
  q?: string;
  role?: Role;
  limit: number;
  cursor?: string;
}

/** Named queries over users; emails are always compared lower-cased. */
@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  findById(id: string, manager?: EntityManager): Promise<User | null> {
    return this.repo(manager).findOneBy({ id });
  }

  findByIds(ids: string[]): Promise<User[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.users.findBy({ id: In(ids) });
  }

  findByEmail(email: string, manager?: EntityManager): Promise<User | null> {
    return this.repo(manager).findOneBy({ email: normalizeEmail(email) });
  }

  /** Locks the row for a read-modify-write inside a transaction. */
  findByIdForUpdate(manager: EntityManager, id: string): Promise<User | null> {
    return manager.getRepository(User).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Inserts unless the email is taken; returns the new id or null. Decided by the unique index. */
  async insertIfEmailFree(manager: EntityManager, user: NewUser): Promise<string | null> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(User)
      .values({
        ...user,
        email: normalizeEmail(user.email),
        consentAt: new Date(),
        notificationPreferences: DEFAULT_NOTIFICATION_PREFERENCES,
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    const row = result.raw as { id: string }[];
    return row[0]?.id ?? null;
  }

  async update(manager: EntityManager, id: string, changes: Partial<User>): Promise<void> {
    await manager.getRepository(User).update({ id }, changes);
  }

  /** Sets the confirmation time once; confirming again keeps the first time. */
  async confirmEmail(manager: EntityManager, id: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(User)
      .set({ emailConfirmedAt: () => 'COALESCE(email_confirmed_at, now())' })
      .where({ id })
      .execute();
  }

  /** Kills every access token of the user at once (they carry the old version). */
  async bumpTokenVersion(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(User).increment({ id }, 'tokenVersion', 1);
  }

  /** Turns one notification preference on or off without touching the others. */
  async setNotificationPreference(id: string, preference: string, value: boolean): Promise<void> {
    await this.users.query(
      `UPDATE users SET notification_preferences = jsonb_set(notification_preferences, ARRAY[$2], to_jsonb($3::boolean)), updated_at = now() WHERE id = $1`,
      [id, preference, value],
    );
  }

  /** Confirmed, unblocked staff who want an email for each item that joins the moderation queue. */
  moderatorsWantingAlerts(manager: EntityManager): Promise<User[]> {
    return manager
      .getRepository(User)
      .createQueryBuilder('u')
      .where("u.roles && ARRAY['moderator', 'admin']::text[]")
      .andWhere('u.blocked_at IS NULL AND u.email_confirmed_at IS NOT NULL')
      .andWhere("(u.notification_preferences ->> 'moderationAlerts')::boolean IS NOT FALSE")
      .getMany();
  }

  async search(search: UserSearch): Promise<{ items: User[]; nextCursor: string | null }> {
    const query = this.users
      .createQueryBuilder('u')
      .orderBy('u.created_at', 'DESC')
      .addOrderBy('u.id', 'DESC');
    if (search.q) {
      query.andWhere("(u.email ILIKE :q ESCAPE '\\' OR u.full_name ILIKE :q ESCAPE '\\')", {
        q: `%${search.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
      });
    }
    if (search.role) {
      query.andWhere(':role = ANY(u.roles)', { role: search.role });
    }
    if (search.cursor) {
      const cursor = decodeCursor(search.cursor);
      query.andWhere('(u.created_at, u.id) < (:at, :id)', { at: cursor.at, id: cursor.id });
    }
    const rows = await query.limit(search.limit + 1).getMany();
    const items = rows.slice(0, search.limit);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor:
        rows.length > search.limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
    };
  }

  private repo(manager?: EntityManager): Repository<User> {
    return manager ? manager.getRepository(User) : this.users;
  }
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
