/**
 * npm run seed:demo — fills an empty portal with a believable demo (idempotent: running it again adds
 * nothing): staff and representative accounts, a dozen published practices in Russian and Kyrgyz with
 * photos, a contest in its voting phase with two nominations, a contest taking entries, work in progress
 * for the staff pages (a draft, a practice sent back, a moderation queue with every kind of item), and
 * a finished contest whose results are published (demo voters voter01…voter36@demo.kg share one password). Uses DATABASE_URL when set, else the
 * embedded PostgreSQL under DATA_DIR (stop the portal first: one process owns that database).
 */
import { Logger } from '@nestjs/common';
import sharp from 'sharp';
import { DataSource, EntityManager } from 'typeorm';
import { PasswordHasher } from '../auth/password-hasher';
import { loadConfig } from '../config';
import { dataSourceOptions } from '../database/data-source-options';
import { openDatabaseServer } from '../database/database-server';
import { migrateOnStart } from '../database/migrate-on-start';
import { seedReferenceData } from '../database/seeds/reference-data.seeder';
import { createFileStorage, FileStorage, newStorageKey } from '../storage/file-storage';
import { reencodeImage } from '../storage/image-processing';
import { DEMO_PRACTICES, DemoPractice } from './demo/demo-practices';
import {
  DEMO_VOTERS_PASSWORD,
  demoVoterEmail,
  DEMO_VOTER_COUNT,
  seedDemoVoters,
  seedPublishedContest,
} from './demo/published-contest';
import { seedStaffWork } from './demo/staff-work';

const DAY = 86_400_000;
const CONTEST_TITLE = 'Лучшая практика МСУ — демонстрация';

const ACCOUNTS = [
  {
    email: 'admin@demo.kg',
    password: 'demo admin passphrase',
    name: 'Демо Администратор',
    roles: ['admin', 'moderator'],
  },
  {
    email: 'moderator@demo.kg',
    password: 'demo moderator passphrase',
    name: 'Гүлнара Модератор',
    roles: ['moderator'],
  },
  {
    email: 'rep.dostuk@demo.kg',
    password: 'demo representative passphrase',
    name: 'Айбек Осмонов',
    represents: ['M-DOSTUK', 'M-SADOVOE'],
  },
  {
    email: 'rep.karakol@demo.kg',
    password: 'demo representative passphrase',
    name: 'Елена Ким',
    represents: ['M-KARAKOL', 'M-NARYN'],
  },
  {
    email: 'rep.talas@demo.kg',
    password: 'demo representative passphrase',
    name: 'Нурлан Токтосунов',
    represents: ['M-TALAS', 'M-KOSHDOBO'],
  },
  { email: 'voter@demo.kg', password: 'demo voter passphrase', name: 'Асель Жумабаева', verified: true },
  // Waiting in the moderation queue: a request to represent Naryn, and two verifications with one PIN.
  { email: 'applicant@demo.kg', password: 'demo citizen passphrase', name: 'Бакыт Сыдыков' },
  { email: 'citizen@demo.kg', password: 'demo citizen passphrase', name: 'Жылдыз Абдыкадырова' },
  { email: 'neighbour@demo.kg', password: 'demo citizen passphrase', name: 'Мирлан Абдыкадыров' },
] as const;

async function main(): Promise<void> {
  Logger.overrideLogger(['log', 'warn', 'error']);
  const config = loadConfig();
  if (config.isProduction) {
    // Its accounts' passwords are printed in the README: on a real portal they would be open doors.
    throw new Error('seed:demo refuses to run with NODE_ENV=production (its passwords are public)');
  }
  const server = await openDatabaseServer(config);
  const dataSource = await new DataSource(dataSourceOptions(server.url, config.database)).initialize();
  try {
    await migrateOnStart(dataSource);
    await seedReferenceData(dataSource);
    const hasher = new PasswordHasher(config);
    const storage = createFileStorage(config);
    const ids = await seedAccounts(dataSource, hasher);
    const practiceIds = await seedPractices(dataSource, storage, ids);
    const adminId = ids.get('admin@demo.kg') as string;
    await seedContest(dataSource, adminId, practiceIds);
    const voterIds = await seedDemoVoters(dataSource, () => hasher.hash(DEMO_VOTERS_PASSWORD));
    await seedPublishedContest(dataSource, config, server.url, adminId, practiceIds.slice(6, 12), [
      ids.get('voter@demo.kg') as string,
      ...voterIds,
    ]);
    await seedStaffWork(dataSource, config, server.url, {
      moderatorId: ids.get('moderator@demo.kg') as string,
      adminId,
      dostukId: ids.get('rep.dostuk@demo.kg') as string,
      karakolId: ids.get('rep.karakol@demo.kg') as string,
      talasId: ids.get('rep.talas@demo.kg') as string,
      applicantId: ids.get('applicant@demo.kg') as string,
      citizenIds: [ids.get('citizen@demo.kg') as string, ids.get('neighbour@demo.kg') as string],
    });
    printAccounts();
  } finally {
    await dataSource.destroy();
    await server.stop();
  }
}

async function seedAccounts(dataSource: DataSource, hasher: PasswordHasher): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const account of ACCOUNTS) {
    const existing: { id: string }[] = await dataSource.query('SELECT id FROM users WHERE email = $1', [
      account.email,
    ]);
    const id =
      existing[0]?.id ??
      (
        await dataSource.query<{ id: string }[]>(
          `INSERT INTO users (email, password_hash, full_name, locale, roles, notification_preferences, email_confirmed_at,
                              voter_verified_at, consent_version, consent_at, created_at)
           VALUES ($1, $2, $3, 'ru', $4, '{"contestNews": true, "moderationAlerts": true}', now(), $5, 'demo', now(),
                   now() - interval '150 days')
           RETURNING id`,
          [
            account.email,
            await hasher.hash(account.password),
            account.name,
            'roles' in account ? account.roles : [],
            'verified' in account ? new Date(Date.now() - 140 * DAY) : null,
          ],
        )
      )[0].id;
    ids.set(account.email, id);
    for (const code of 'represents' in account ? account.represents : []) {
      await dataSource.query(
        `INSERT INTO representative_memberships (user_id, municipality_id, status, decided_at)
         SELECT $1, id, 'approved', now() FROM municipalities WHERE code = $2
         ON CONFLICT (user_id, municipality_id) WHERE status IN ('pending', 'approved') DO NOTHING`,
        [id, code],
      );
    }
  }
  return ids;
}

async function seedPractices(
  dataSource: DataSource,
  storage: FileStorage,
  users: Map<string, string>,
): Promise<string[]> {
  const moderatorId = users.get('moderator@demo.kg') as string;
  const ids: string[] = [];
  for (const [index, practice] of DEMO_PRACTICES.entries()) {
    const existing: { id: string }[] = await dataSource.query('SELECT id FROM practices WHERE title = $1', [
      practice.title,
    ]);
    if (existing[0]) {
      ids.push(existing[0].id);
      continue;
    }
    const authorId = authorOf(practice, users);
    const publishedAt = new Date(Date.now() - (60 - index * 4) * DAY);
    ids.push(
      await dataSource.transaction(async (manager) => {
        const id = await insertPublished(manager, practice, authorId, publishedAt);
        await manager.query(
          `INSERT INTO practice_transitions (practice_id, action, from_status, to_status, actor_id, created_at) VALUES
             ($1, 'create', NULL, 'draft', $2, $4), ($1, 'submit', 'draft', 'submitted', $2, $4),
             ($1, 'approve', 'submitted', 'published', $3, $4)`,
          [id, authorId, moderatorId, publishedAt],
        );
        await attachPhoto(manager, storage, id, authorId, practice);
        return id;
      }),
    );
  }
  return ids;
}

function authorOf(practice: DemoPractice, users: Map<string, string>): string {
  const account = ACCOUNTS.find(
    (a) => 'represents' in a && (a.represents as readonly string[]).includes(practice.municipality),
  );
  return users.get(account?.email ?? 'admin@demo.kg') as string;
}

async function insertPublished(
  manager: EntityManager,
  p: DemoPractice,
  authorId: string,
  at: Date,
): Promise<string> {
  const rows: { id: string }[] = await manager.query(
    `INSERT INTO practices (municipality_id, region_id, district_id, author_id, category_id, status, revision, version,
        title, summary, problem, solution, results, resources, replicability, start_year, end_year, contact_name,
        contact_phone, language, tags, view_count, first_submitted_at, submitted_at, published_at, created_at)
     SELECT m.id, m.region_id, m.district_id, $1, c.id, 'published', 1, 1, $2, $3, $4, $5, $6, $7, $8, $9, $10,
        'Контакт айыл окмоту', '+996312000000', $11, $12, $13, $14, $14, $14, $14
       FROM municipalities m, categories c WHERE m.code = $15 AND c.code = $16
     RETURNING id`,
    [
      authorId,
      p.title,
      p.summary,
      p.problem,
      p.solution,
      p.results,
      p.resources,
      p.replicability,
      p.startYear,
      p.endYear,
      p.language,
      p.tags,
      Math.floor(p.title.length * 7.3),
      at,
      p.municipality,
      p.category,
    ],
  );
  await manager.query(
    `INSERT INTO practice_revisions (practice_id, revision, content, submitted_by, submitted_at)
     SELECT id, 1, jsonb_build_object('title', title, 'summary', summary), author_id, $2 FROM practices WHERE id = $1`,
    [rows[0].id, at],
  );
  return rows[0].id;
}

/** A generated landscape-like photo, re-encoded and stored exactly as an upload would be. */
async function attachPhoto(
  manager: EntityManager,
  storage: FileStorage,
  practiceId: string,
  uploadedBy: string,
  p: DemoPractice,
) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800">
    <defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#cfe8ff"/><stop offset="1" stop-color="${p.color}"/></linearGradient></defs>
    <rect width="1200" height="800" fill="url(#g)"/><path d="M0 620 L300 380 L520 560 L760 300 L1200 640 L1200 800 L0 800 Z" fill="#ffffff" opacity="0.35"/></svg>`;
  const image = await reencodeImage(await sharp(Buffer.from(svg)).jpeg().toBuffer());
  const storageKey = newStorageKey('jpg');
  const thumbnailKey = newStorageKey('jpg');
  await storage.put(storageKey, image.image, image.mime);
  await storage.put(thumbnailKey, image.thumbnail, image.mime);
  await manager.query(
    `INSERT INTO practice_attachments (practice_id, kind, file_name, mime_type, size_bytes, storage_key, thumbnail_key, width, height, uploaded_by)
     VALUES ($1, 'image', 'photo.jpg', $2, $3, $4, $5, $6, $7, $8)`,
    [
      practiceId,
      image.mime,
      image.image.length,
      storageKey,
      thumbnailKey,
      image.width,
      image.height,
      uploadedBy,
    ],
  );
}

async function seedContest(dataSource: DataSource, adminId: string, practiceIds: string[]): Promise<void> {
  const existing: unknown[] = await dataSource.query(`SELECT 1 FROM contests WHERE title ->> 'ru' = $1`, [
    CONTEST_TITLE,
  ]);
  if (existing.length > 0) {
    return;
  }
  await dataSource.transaction(async (manager) => {
    const now = Date.now();
    const [contest] = await manager.query<{ id: string }[]>(
      `INSERT INTO contests (title, description, rules, entries_open_at, entries_close_at, voting_opens_at, voting_closes_at,
          votes_per_voter, voter_policy, show_live_counts, allow_retract, last_entry_number, created_by, entries_announced_at, voting_announced_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 3, 'verified', false, true, 6, $8, now(), now()) RETURNING id`,
      [
        { ru: CONTEST_TITLE, ky: 'ЖӨБнын мыкты тажрыйбасы — демонстрация', en: 'Best LSG practice — demo' },
        {
          ru: 'Демонстрационный конкурс: голосуйте за лучшие практики местного самоуправления.',
          en: 'A demo contest.',
        },
        {
          ru: 'Голосуют верифицированные пользователи; до трёх голосов, один за практику.',
          en: 'Verified voters; up to three votes.',
        },
        new Date(now - 30 * DAY),
        new Date(now - 10 * DAY),
        new Date(now - 5 * DAY),
        new Date(now + 20 * DAY),
        adminId,
      ],
    );
    const nominations: { id: string }[] = [];
    for (const [position, title] of [
      { ru: 'Бюджет и участие граждан', en: 'Budget and participation' },
      { ru: 'Услуги и инфраструктура', en: 'Services and infrastructure' },
    ].entries()) {
      nominations.push(
        ...(await manager.query<{ id: string }[]>(
          'INSERT INTO nominations (contest_id, title, winners_count, position) VALUES ($1, $2, 2, $3) RETURNING id',
          [contest.id, title, position],
        )),
      );
    }
    for (const [index, practiceId] of practiceIds.slice(0, 6).entries()) {
      await manager.query(
        `INSERT INTO contest_entries (contest_id, nomination_id, practice_id, status, number, submitted_by, decided_by, decided_at)
         SELECT $1, $2, id, 'accepted', $3, author_id, $4, now() FROM practices WHERE id = $5`,
        [contest.id, nominations[index % 2].id, index + 1, adminId, practiceId],
      );
    }
  });
}

function printAccounts(): void {
  console.log('\nDemo accounts (change these passwords before showing the portal to anyone outside):');
  for (const account of ACCOUNTS) {
    console.log(`  ${account.email.padEnd(22)} ${account.password}`);
  }
  console.log(
    `  ${demoVoterEmail(1)}…${demoVoterEmail(DEMO_VOTER_COUNT)}  ${DEMO_VOTERS_PASSWORD} (all of them)`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
