import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createApp } from '../../app.factory';
import { AuthUser } from '../../common/auth/auth-user';
import { Role } from '../../common/auth/role';
import { JsonLogger } from '../../common/logging/json-logger';
import { AppConfig } from '../../config';

/**
 * Runs demo steps through the portal's own services (not listening), so what they store is exactly
 * what a request would store: encrypted phones, keyed PIN hashes, transitions, audit rows, emails.
 */
export async function withPortalApp<T>(
  config: AppConfig,
  databaseUrl: string,
  work: (app: INestApplication) => Promise<T>,
): Promise<T> {
  const app = await createApp(config, { databaseUrl }, new JsonLogger('warn'));
  try {
    await app.init();
    return await work(app);
  } finally {
    await app.close();
  }
}

/** The caller a service expects, read from the database as the access guard would read it. */
export async function demoCaller(dataSource: DataSource, userId: string): Promise<AuthUser> {
  const [row] = await dataSource.query<
    {
      email: string;
      full_name: string;
      roles: Role[];
      locale: AuthUser['locale'];
      created_at: Date;
      email_confirmed_at: Date | null;
      voter_verified_at: Date | null;
    }[]
  >(
    `SELECT email, full_name, roles, locale, created_at, email_confirmed_at, voter_verified_at
       FROM users WHERE id = $1`,
    [userId],
  );
  return {
    id: userId,
    email: row.email,
    fullName: row.full_name,
    roles: row.roles,
    locale: row.locale,
    emailConfirmed: row.email_confirmed_at !== null,
    voterVerified: row.voter_verified_at !== null,
    createdAt: row.created_at,
  };
}
