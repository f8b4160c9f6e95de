import { AppConfig } from '../config/app-config';
import { startEmbeddedPostgres } from './embedded-postgres';

export interface DatabaseServer {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** DATABASE_URL when set, otherwise the embedded PostgreSQL under DATA_DIR/pg. */
export async function openDatabaseServer(config: AppConfig): Promise<DatabaseServer> {
  if (config.database.url) {
    return { url: config.database.url, embedded: false, stop: () => Promise.resolve() };
  }
  const embedded = await startEmbeddedPostgres(config.storage.dataDir);
  return { url: embedded.url, embedded: true, stop: () => embedded.stop() };
}
