// A throw-away portal with the demo data, for the page benchmark and the screenshots: embedded
// PostgreSQL in a temporary directory (or DATABASE_URL), `npm run seed:demo`'s seeder on it, then the
// built portal (node dist/src/main.js) on a free loopback port. Everything goes at cleanup.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, sleep } from './supervisor.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);

/**
 * Starts the database, seeds the demo, starts the portal (`nodeArgs` before the script, e.g.
 * `--cpu-prof`); returns its URL and the shared env.
 */
export async function startDemoPortal(
  supervisor,
  { name = 'portal', env: extraEnv = {}, nodeArgs = [] } = {},
) {
  const workDir = mkdtempSync(join(tmpdir(), `portal-${name}-`));
  chmodSync(workDir, 0o755); // as root, PostgreSQL runs as 'postgres' and must reach its directory
  supervisor.onCleanup(() => rmSync(workDir, { recursive: true, force: true }));

  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const { Logger } = require('@nestjs/common');
    Logger.overrideLogger(['error', 'warn']);
    const { startEmbeddedPostgres } = require(join(root, 'dist', 'src', 'database', 'embedded-postgres.js'));
    const dbDir = join(workDir, 'db');
    supervisor.watchPostmaster(join(dbDir, 'pg', 'postmaster.pid'));
    const database = await startEmbeddedPostgres(dbDir);
    supervisor.onCleanup(async () => {
      await Promise.race([database.stop(), sleep(15_000)]);
      const pid = supervisor.postmasterPid();
      if (pid) process.kill(pid, 'SIGQUIT');
    });
    databaseUrl = database.url;
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    // 'test' caches templates as production does, without production's required secrets and SMTP.
    NODE_ENV: 'test',
    PORT: String(port),
    PUBLIC_URL: url,
    DATA_DIR: join(workDir, 'data'),
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
    ...extraEnv,
  };
  const seeded = spawnSync(process.execPath, ['dist/src/cli/seed-demo.js'], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  if (seeded.status !== 0) throw new Error('the demo seeder failed');

  const child = spawn(process.execPath, [...nodeArgs, 'dist/src/main.js'], {
    cwd: root,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  supervisor.children.add(child);
  supervisor.first(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    if ((await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)])) === false) {
      process.kill(-child.pid, 'SIGKILL');
    }
  });
  for (let i = 0; i < 480; i += 1) {
    if (child.exitCode !== null) throw new Error(`the portal exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health/ready`)).ok) return { url, env, child };
    } catch {
      /* not listening yet */
    }
    await sleep(250);
  }
  throw new Error(`the portal did not become ready at ${url}`);
}

/** Ids for the pages to visit: the newest practice (with a photo if any), its municipality, the contests. */
export async function demoIds(url) {
  const practices = await (await fetch(`${url}/api/v1/practices?sort=new&limit=20&lang=ru`)).json();
  const withPhoto = practices.items.find((p) => p.thumbnailUrl) ?? practices.items[0];
  const contests = await (await fetch(`${url}/api/v1/contests?lang=ru`)).json();
  const voting = contests.find((c) => c.phase === 'voting') ?? contests[0];
  return {
    practiceId: withPhoto?.id,
    municipalityId: withPhoto?.municipality.id,
    contestId: voting?.id,
    practices: practices.items,
  };
}
