// A throw-away PostgreSQL in its own process, started with the portal's launcher from the build (the
// package is ESM, which Jest's module sandbox cannot import). Usage: fork with argv [dataDir, port?];
// it sends { url } once listening, and on the message 'stop' stops PostgreSQL and exits.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { startEmbeddedPostgres } = require('../../dist/src/database/embedded-postgres.js');
const [dataDir, port] = process.argv.slice(2);
// fsync off is safe here: an immediate stop kills processes, not the machine, so what was written survives.
// synchronous_commit stays on: with it off, a commit is acknowledged before its WAL is written, and
// an immediate stop loses it (a 201 vote missing from the ledger).
const fast = ['-c', 'fsync=off', '-c', 'full_page_writes=off'];

const server = await startEmbeddedPostgres(dataDir, fast, port ? Number(port) : undefined);
process.send({ url: server.url });
process.on('message', async (message) => {
  if (message === 'stop') {
    await server.stop();
    process.exit(0);
  }
});
// The parent going away (a crashed test run) takes the server with it.
process.on('disconnect', () => void server.stop().finally(() => process.exit(0)));
