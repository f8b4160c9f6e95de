import { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { DatabaseConfig } from '../config/app-config';
import { ENTITIES } from './entities';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** One definition of the connection for the app, the migration CLI and the tests. */
export function dataSourceOptions(url: string, database: DatabaseConfig): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install.
    uuidExtension: 'pgcrypto',
    migrationsRun: false,
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    extra: {
      max: database.poolSize,
      // pg-pool applies this to waiting for a free connection too: overload becomes a quick 503.
      connectionTimeoutMillis: database.acquireTimeoutMs,
      statement_timeout: database.statementTimeoutMs,
      application_name: 'best-practice-portal',
    },
  };
}
