/**
 * Operator commands for the schema:
 *   run       apply pending migrations         revert   undo the last one
 *   generate  write migrations/<ts>-<Name>.ts from the difference between entities and migrations
 *   check     fail when entities and migrations disagree (CI)
 * Uses DATABASE_URL when set, otherwise the embedded PostgreSQL under DATA_DIR.
 */
import * as fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { dataSourceOptions } from '../database/data-source-options';
import { openDatabaseServer } from '../database/database-server';
import { projectPath } from '../common/project-path';
import { Logger } from '@nestjs/common';

async function main(): Promise<void> {
  Logger.overrideLogger(['log', 'warn', 'error']);
  const [command, name] = process.argv.slice(2);
  const config = loadConfig();
  const server = await openDatabaseServer(config);
  try {
    switch (command) {
      case 'run':
        await withDataSource(server.url, config, async (ds) => {
          const applied = await ds.runMigrations({ transaction: 'each' });
          console.log(
            applied.length ? applied.map((m) => `applied ${m.name}`).join('\n') : 'schema is up to date',
          );
        });
        break;
      case 'revert':
        await withDataSource(server.url, config, (ds) => ds.undoLastMigration({ transaction: 'each' }));
        break;
      case 'generate':
        if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
          throw new Error('usage: npm run migration:generate -- PascalCaseName');
        }
        await withScratchDatabase(server.url, config, (ds) => generate(ds, name));
        break;
      case 'check':
        await withScratchDatabase(server.url, config, check);
        break;
      default:
        throw new Error('usage: migrate run | revert | generate Name | check');
    }
  } finally {
    await server.stop();
  }
}

async function withDataSource<T>(
  url: string,
  config: ReturnType<typeof loadConfig>,
  fn: (ds: DataSource) => Promise<T>,
) {
  const ds = await new DataSource(dataSourceOptions(url, config.database)).initialize();
  try {
    return await fn(ds);
  } finally {
    await ds.destroy();
  }
}

/** A throwaway database with every migration applied, so generate and check never touch real data. */
async function withScratchDatabase(
  url: string,
  config: ReturnType<typeof loadConfig>,
  fn: (ds: DataSource) => Promise<void>,
): Promise<void> {
  const scratch = `migration_scratch_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${scratch}`);
  try {
    const scratchUrl = new URL(url);
    scratchUrl.pathname = `/${scratch}`;
    await withDataSource(scratchUrl.toString(), config, async (ds) => {
      await ds.runMigrations({ transaction: 'each' });
      await fn(ds);
    });
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
    await admin.end();
  }
}

async function pendingSchemaChanges(ds: DataSource) {
  return ds.driver.createSchemaBuilder().log();
}

async function check(ds: DataSource): Promise<void> {
  const { upQueries } = await pendingSchemaChanges(ds);
  if (upQueries.length > 0) {
    console.error('Entities and migrations disagree. Missing from migrations/:');
    upQueries.forEach((q) => console.error(`  ${q.query}`));
    process.exitCode = 1;
    return;
  }
  console.log('entities and migrations agree');
}

async function generate(ds: DataSource, name: string): Promise<void> {
  const { upQueries, downQueries } = await pendingSchemaChanges(ds);
  if (upQueries.length === 0) {
    console.log('no changes: entities and migrations already agree');
    return;
  }
  const timestamp = Date.now();
  const className = `${name}${timestamp}`;
  const fileName = `${timestamp}-${name}`;
  const statements = (queries: { query: string; parameters?: unknown[] }[]) =>
    queries
      .map((q) => {
        const sql = q.query.replace(/[`\\]|\$\{/g, (c) => `\\${c}`);
        const parameters = q.parameters?.length ? `, ${JSON.stringify(q.parameters)}` : '';
        return `    await queryRunner.query(\`${sql}\`${parameters});`;
      })
      .join('\n');
  const source = `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${statements(upQueries)}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${statements(downQueries.reverse())}
  }
}
`;
  fs.writeFileSync(projectPath('migrations', `${fileName}.ts`), source);
  registerMigration(className, fileName);
  console.log(`wrote migrations/${fileName}.ts: review it, then commit it`);
}

function registerMigration(className: string, fileName: string): void {
  const indexFile = projectPath('migrations', 'index.ts');
  const lines = fs.readFileSync(indexFile, 'utf8').split('\n');
  const lastImport = lines.map((line) => line.startsWith('import ')).lastIndexOf(true);
  lines.splice(lastImport + 1, 0, `import { ${className} } from './${fileName}';`);
  const source = lines.join('\n').replace(/= \[([^\]]*)\];/s, (_match, list: string) => {
    const items = list
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean)
      .concat(className);
    return `= [\n  ${items.join(',\n  ')},\n];`;
  });
  fs.writeFileSync(indexFile, source);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
