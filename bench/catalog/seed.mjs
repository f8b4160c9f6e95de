// Seeds published practices for the catalog benchmark into a migrated portal database that already
// holds the reference data (municipalities, categories): one author user, then COUNT practices from
// a seeded PRNG (same seed, same rows, ids included), inserted with one multi-row INSERT per batch.
// The search trigger fills search_document and search_text. Ends with VACUUM ANALYZE.
//
// Usage: DATABASE_URL=postgres://... node bench/catalog/seed.mjs   (BENCH_PRACTICES, BENCH_SEED)
// run.mjs imports seedPractices() instead.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { createRng, generatePractice } from './corpus.mjs';

const require = createRequire(import.meta.url);
const { Client } = require('pg');

export const BENCH_AUTHOR_EMAIL = 'bench.author@portal.kg';

const COLUMNS = [
  'id',
  'municipality_id',
  'region_id',
  'district_id',
  'author_id',
  'category_id',
  'status',
  'revision',
  'version',
  'title',
  'summary',
  'problem',
  'solution',
  'results',
  'resources',
  'replicability',
  'start_year',
  'end_year',
  'contact_name',
  'contact_phone',
  'contact_email',
  'language',
  'tags',
  'view_count',
  'first_submitted_at',
  'submitted_at',
  'published_at',
  'created_at',
  'updated_at',
];

/** Cities get more practices than towns, towns more than aiyl aimaks; "other" is a rare category. */
const MUNICIPALITY_WEIGHT = { city: 3, town: 2, aiyl_aimak: 1 };
const CATEGORY_WEIGHT = { other: 0.4 };

function weightedPicker(rng, items, weightOf) {
  const cumulative = [];
  let total = 0;
  for (const item of items) {
    total += weightOf(item);
    cumulative.push(total);
  }
  return () => {
    const x = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return items[lo];
  };
}

/**
 * Inserts `count` published practices (skipped when exactly that many bench practices already exist;
 * otherwise earlier bench practices are replaced). Returns { count, seconds, skipped }.
 */
export async function seedPractices(
  databaseUrl,
  { count = 10_000, seed = 20_250_101, batchSize = 500, log = console.log } = {},
) {
  const started = performance.now();
  const client = new Client({ connectionString: databaseUrl, application_name: 'catalog-bench-seed' });
  await client.connect();
  try {
    const municipalities = (
      await client.query('SELECT id, code, kind, region_id, district_id FROM municipalities ORDER BY code')
    ).rows;
    const categories = (await client.query('SELECT id, code FROM categories ORDER BY code')).rows;
    if (municipalities.length === 0 || categories.length === 0) {
      throw new Error(
        'no municipalities or categories: start the portal once so it migrates and seeds reference data',
      );
    }
    const author = (
      await client.query(
        `INSERT INTO users (email, password_hash, full_name, locale, notification_preferences, email_confirmed_at,
                            consent_version, consent_at)
         VALUES ($1, '!bench-author-cannot-sign-in', 'Автор бенчмарка', 'ru',
                 '{"contestNews": false, "moderationAlerts": false}', now(), 'bench', now())
         ON CONFLICT (email) DO UPDATE SET full_name = EXCLUDED.full_name
         RETURNING id`,
        [BENCH_AUTHOR_EMAIL],
      )
    ).rows[0].id;
    const existing = Number(
      (
        await client.query(`SELECT count(*) FROM practices WHERE author_id = $1 AND status = 'published'`, [
          author,
        ])
      ).rows[0].count,
    );
    if (existing === count) {
      log(`seed: ${count} bench practices already present, kept`);
      return { count, seconds: 0, skipped: true };
    }
    if (existing > 0) {
      await client.query('DELETE FROM practices WHERE author_id = $1', [author]);
    }

    const rng = createRng(seed);
    const pickMunicipality = weightedPicker(rng, municipalities, (m) => MUNICIPALITY_WEIGHT[m.kind] ?? 1);
    const pickCategory = weightedPicker(rng, categories, (c) => CATEGORY_WEIGHT[c.code] ?? 1);
    await client.query('BEGIN');
    for (let offset = 0; offset < count; offset += batchSize) {
      const size = Math.min(batchSize, count - offset);
      const params = [];
      const tuples = [];
      for (let i = 0; i < size; i += 1) {
        const row = generatePractice(
          rng,
          { municipality: pickMunicipality(), category: pickCategory() },
          offset + i + 1,
        );
        row.author_id = author;
        const placeholders = COLUMNS.map((column) => {
          params.push(row[column]);
          return `$${params.length}`;
        });
        tuples.push(`(${placeholders.join(', ')})`);
      }
      await client.query(
        `INSERT INTO practices (${COLUMNS.join(', ')}) VALUES ${tuples.join(',\n')}`,
        params,
      );
    }
    await client.query('COMMIT');
    // A long-lived database has been vacuumed and analysed by autovacuum; do it now for stable plans.
    await client.query('VACUUM ANALYZE practices');
    const seconds = (performance.now() - started) / 1000;
    log(`seed: ${count} published practices in ${seconds.toFixed(1)} s (seed ${seed})`);
    return { count, seconds, skipped: false };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL must name a migrated portal database');
    process.exit(2);
  }
  await seedPractices(url, {
    count: Number(process.env.BENCH_PRACTICES ?? 10_000),
    seed: Number(process.env.BENCH_SEED ?? 20_250_101),
  });
}
