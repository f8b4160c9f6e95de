import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Arbitrary constant naming the advisory lock that serialises migrations across instances. */
const MIGRATION_LOCK_KEY = 741_852_963;

/**
 * Applies pending migrations at start-up. Several instances may start together: the advisory lock
 * lets one migrate while the others wait, then find nothing left to do.
 */
export async function migrateOnStart(dataSource: DataSource): Promise<void> {
  const logger = new Logger('Migrations');
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    applied.forEach((migration) => logger.log(`applied ${migration.name}`));
    logger.log(applied.length ? `${applied.length} migration(s) applied` : 'schema is up to date');
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}
