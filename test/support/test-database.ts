import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { seedReferenceData } from '../../src/database/seeds/reference-data.seeder';

interface TestState {
  adminUrl: string;
  runId: string;
  stateDir: string;
}

const TEMPLATE_LOCK = 90_210;

export function testState(): TestState {
  const file = process.env.PORTAL_TEST_STATE;
  if (!file) {
    throw new Error('PORTAL_TEST_STATE is not set: run the e2e tests through jest.e2e.config.js');
  }
  return JSON.parse(readFileSync(file, 'utf8')) as TestState;
}

function urlFor(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * A fresh database for one test file, cloned from a template that the first caller migrates. The
 * advisory lock keeps workers from cloning while another is still migrating or connected to it.
 */
export async function createTestDatabase(): Promise<string> {
  const { adminUrl, runId } = testState();
  const template = `portal_test_${runId}_template`;
  const database = `portal_test_${runId}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (exists.rowCount === 0) {
      await admin.query(`CREATE DATABASE "${template}"`);
      await migrate(urlFor(adminUrl, template));
    }
    await admin.query(`CREATE DATABASE "${database}" TEMPLATE "${template}"`);
  } finally {
    await admin.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
    await admin.end();
  }
  return urlFor(adminUrl, database);
}

/** Migrates and seeds an empty database (the template, or a test's own server). */
export async function migrate(url: string): Promise<void> {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: url,
    JWT_SECRET: 'x'.repeat(32),
    DATA_KEY: 'y'.repeat(32),
  });
  const dataSource = await new DataSource(dataSourceOptions(url, config.database)).initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    await seedReferenceData(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
