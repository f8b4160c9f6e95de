// The catalog benchmark's floor: plain Fastify + pg, no Nest, no ORM, serving GET /api/v1/practices
// with the portal's own SQL (buildCatalogQuery from dist/) and its own mapping (CatalogService from
// dist/, constructed by hand over a pg-backed repository), so the JSON is byte-identical. It skips
// what the app does around the query: DTO validation, guards, helmet/CORS headers, request ids,
// access logging. Pool as the app's defaults: 20 connections, 3 s acquire timeout, 15 s statements.
//
// Usage: DATABASE_URL=postgres://... PORT=3100 node bench/catalog/reference-server.mjs  (after npm run build)
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const dist = (...parts) => join(import.meta.dirname, '..', '..', 'dist', 'src', ...parts);
require('reflect-metadata'); // the compiled modules carry decorators; nothing of Nest runs per request
const Fastify = require('fastify');
const { Pool } = require('pg');
const { buildCatalogQuery } = require(dist('practices', 'catalog.repository.js'));
const { CatalogService } = require(dist('practices', 'catalog.service.js'));
const { requestLocale } = require(dist('common', 'i18n', 'request-locale.js'));

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('DATABASE_URL must be set');
  process.exit(2);
}
const pool = new Pool({
  connectionString: databaseUrl,
  max: Number(process.env.DATABASE_POOL_SIZE ?? 20),
  connectionTimeoutMillis: 3000,
  statement_timeout: 15000,
  application_name: 'catalog-bench-reference',
});

/** What CatalogRepository.page() does, over a bare pg pool. */
const repository = {
  async page(filter) {
    const { sql, params } = buildCatalogQuery(filter);
    const { rows } = await pool.query(sql, params);
    return { rows: rows.slice(0, filter.limit), hasMore: rows.length > filter.limit };
  },
};
// No page cache: the floor runs the SQL for every request (the API's cache is measured apart).
const catalog = new CatalogService(repository, { page: (_key, read) => read() });

const STRING_PARAMS = ['q', 'regionId', 'districtId', 'municipalityId', 'categoryId', 'sort', 'cursor'];

// forceCloseConnections: a bench server stops at once, keep-alive sockets or not.
const app = Fastify({ logger: false, forceCloseConnections: true });
app.get('/health', async () => ({ status: 'ok' }));
app.get('/api/v1/practices', async (request, reply) => {
  const raw = request.query;
  const query = {};
  for (const key of STRING_PARAMS) {
    if (typeof raw[key] === 'string' && raw[key] !== '') query[key] = raw[key];
  }
  if (raw.year !== undefined) query.year = Number(raw.year);
  if (raw.limit !== undefined) query.limit = Math.min(100, Math.max(1, Math.trunc(Number(raw.limit)) || 20));
  try {
    const json = await catalog.searchJson(query, requestLocale(request));
    return reply.type('application/json; charset=utf-8').send(json);
  } catch (error) {
    // Only a bad cursor is expected here (DomainError 400); anything else is this server's 500.
    const status = typeof error?.status === 'number' ? error.status : 500;
    return reply.code(status).send({ status, title: error?.message ?? String(error) });
  }
});

const shutdown = async () => {
  await app.close().catch(() => undefined);
  await pool.end().catch(() => undefined);
  process.exit(0);
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

await app.listen({ port: Number(process.env.PORT ?? 3100), host: '127.0.0.1' });
console.log(`reference catalog server on http://127.0.0.1:${app.server.address().port}`);
