import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { createApp } from './app.factory';
import { AdminBootstrap } from './auth/admin-bootstrap';
import { JsonLogger } from './common/logging/json-logger';
import { AppConfig, ConfigError, loadConfig } from './config';
import { DatabaseServer, openDatabaseServer } from './database/database-server';
import { migrateOnStart } from './database/migrate-on-start';
import { seedReferenceData } from './database/seeds/reference-data.seeder';
import { OutboxWorker } from './notifications/outbox.worker';
import { LedgerRelocation } from './results/ledger-relocation';

const SHUTDOWN_TIMEOUT_MS = 25_000;

/**
 * Start-up in order: config, database (embedded unless DATABASE_URL), migrations, admin, ledgers still
 * in database rows moved to the file storage, worker, HTTP.
 */
let database: DatabaseServer | undefined;

async function main(): Promise<void> {
  const config = readConfigOrExit();
  const logger = new JsonLogger(config.logLevel);
  Logger.overrideLogger(logger);
  database = await openDatabaseServer(config);
  const app = await createApp(config, { databaseUrl: database.url }, logger);
  stopGracefullyOnSignals(app, database);
  await app.init();
  await migrateOnStart(app.get(DataSource));
  await seedReferenceData(app.get(DataSource));
  await app.get(AdminBootstrap).run();
  await app.get(LedgerRelocation).run();
  app.get(OutboxWorker).start();
  await app.listen({ port: config.http.port, host: '0.0.0.0' });
  new Logger('Main').log(
    { port: config.http.port, publicUrl: config.http.publicUrl, embeddedDatabase: database.embedded },
    `portal ready at ${config.http.publicUrl} (API docs: ${config.http.publicUrl}/docs)`,
  );
}

function readConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/**
 * SIGTERM or Ctrl-C: stop accepting, let in-flight requests finish, stop the outbox worker, close the
 * pool, then stop the embedded database. A second signal or the timeout forces the exit.
 */
function stopGracefullyOnSignals(app: NestFastifyApplication, database: DatabaseServer): void {
  const logger = new Logger('Shutdown');
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      process.exit(1);
    }
    stopping = true;
    logger.log(`${signal} received: draining`);
    setTimeout(() => process.exit(1), SHUTDOWN_TIMEOUT_MS).unref();
    app
      .close()
      .then(() => database.stop())
      .then(() => {
        logger.log('stopped cleanly');
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error({ error: String(error) }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch(async (error: unknown) => {
  new Logger('Main').fatal(
    { error: error instanceof Error ? error.message : String(error) },
    'start-up failed',
  );
  await database?.stop().catch(() => undefined);
  process.exit(1);
});
