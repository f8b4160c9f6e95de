// Jest global setup (ESM): gives the e2e suite a PostgreSQL server. DATABASE_URL set: that server.
// Unset: the portal's own embedded-PostgreSQL launcher (from the build, as `npm start` uses it) in a
// temporary folder, tuned for speed over durability. Each test file then clones its own database from
// a migrated template (see test/support/test-database.ts).
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

export default async function globalSetup() {
  const stateDir = mkdtempSync(join(tmpdir(), 'portal-test-'));
  chmodSync(stateDir, 0o755);
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    require('@nestjs/common').Logger.overrideLogger(['error', 'warn']);
    const { startEmbeddedPostgres } = require('../dist/src/database/embedded-postgres.js');
    const server = await startEmbeddedPostgres(join(stateDir, 'data'), [
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=300',
    ]);
    globalThis.__PORTAL_PG__ = server;
    adminUrl = server.url;
  }
  const state = { adminUrl, runId: randomBytes(4).toString('hex'), stateDir };
  const stateFile = join(stateDir, 'state.json');
  writeFileSync(stateFile, JSON.stringify(state));
  process.env.PORTAL_TEST_STATE = stateFile;
}
