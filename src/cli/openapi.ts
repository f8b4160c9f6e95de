/**
 * The committed OpenAPI document (openapi.json):
 *   write  regenerate it from the routes and DTOs (npm run openapi:generate)
 *   check  fail when the committed file differs from what the code describes (CI)
 * Builds the application without connecting to a database.
 */
import * as fs from 'node:fs';
import { createApp } from '../app.factory';
import { buildOpenApiDocument } from '../common/openapi';
import { projectPath } from '../common/project-path';
import { JsonLogger } from '../common/logging/json-logger';
import { loadConfig } from '../config';

async function main(): Promise<void> {
  const command = process.argv[2];
  const config = loadConfig({
    NODE_ENV: 'development',
    LOG_LEVEL: 'error',
    PUBLIC_URL: 'http://localhost:3000',
    JWT_SECRET: 'openapi-generation-only-secret-0000000000',
    DATA_KEY: 'openapi-generation-only-secret-0000000000',
  });
  const app = await createApp(
    config,
    { databaseUrl: 'postgres://unused@127.0.0.1:1/unused', connectDatabase: false },
    new JsonLogger('error'),
  );
  const generated = `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`;
  await app.close();
  const file = projectPath('openapi.json');
  if (command === 'write') {
    fs.writeFileSync(file, generated);
    console.log('wrote openapi.json');
  } else if (command === 'check') {
    const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (committed !== generated) {
      console.error('openapi.json is out of date: run `npm run openapi:generate` and commit the result');
      process.exitCode = 1;
    } else {
      console.log('openapi.json is up to date');
    }
  } else {
    throw new Error('usage: openapi write | check');
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
