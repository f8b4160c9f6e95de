import { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * The `pg` pool TypeORM opened, for hand-written statements on hot paths (the catalog, the vote):
 * same connections, statement timeout and pg-pool acquire timeout, so the problem filter answers an
 * outage with the same 503. Never a second pool. Errors are pg's own (a DatabaseError with `code`),
 * not TypeORM's QueryFailedError; rows come back raw (snake_case columns, no entity hydration).
 */
export function pgPool(dataSource: DataSource): Pool {
  return (dataSource.driver as PostgresDriver).master as Pool;
}

/** The pool itself or one client checked out of it: where a hand-written read may run. */
export type Queryable = Pick<Pool | PoolClient, 'query'>;
