// Stops the embedded PostgreSQL, or drops this run's databases from the external server.
import { readFileSync, rmSync } from 'node:fs';
import pg from 'pg';

export default async function globalTeardown() {
  const state = JSON.parse(readFileSync(process.env.PORTAL_TEST_STATE, 'utf8'));
  if (globalThis.__PORTAL_PG__) {
    await globalThis.__PORTAL_PG__.stop();
  } else {
    const client = new pg.Client({ connectionString: state.adminUrl });
    await client.connect();
    const { rows } = await client.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [
      `portal_test_${state.runId}_%`,
    ]);
    for (const { datname } of rows) {
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    await client.end();
  }
  rmSync(state.stateDir, { recursive: true, force: true });
}
