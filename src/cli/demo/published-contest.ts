/**
 * The demo's finished contest: past windows, two nominations, votes from a few dozen demo voters,
 * and results published through ResultsService (so the ledger is written to the file storage and its
 * SHA-256 recorded exactly as in production).
 */
import { Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../../config';
import { ResultsAnnouncer } from '../../results/results-announcer';
import { ResultsService } from '../../results/results.service';
import { demoCaller, withPortalApp } from './demo-app';

const DAY = 86_400_000;
const HOUR = 3_600_000;
export const PUBLISHED_CONTEST_TITLE = 'Лучшая практика МСУ — 2025 (итоги)';
export const DEMO_VOTER_COUNT = 36;
/** The extra voters share one password (one argon2 hash, computed once per run). */
export const DEMO_VOTERS_PASSWORD = 'demo voters passphrase';
/** How strongly the demo voters favour each of the six entries: a clear ranking with close calls. */
const ENTRY_APPEAL = [9, 5, 4, 8, 6, 3];

export function demoVoterEmail(n: number): string {
  return `voter${String(n).padStart(2, '0')}@demo.kg`;
}

/** voter01…voter36@demo.kg, verified like voter@demo.kg, registered months ago. */
export async function seedDemoVoters(dataSource: DataSource, passwordHash: () => Promise<string>) {
  const ids: string[] = [];
  let hash: string | undefined;
  for (let n = 1; n <= DEMO_VOTER_COUNT; n += 1) {
    const email = demoVoterEmail(n);
    const existing: { id: string }[] = await dataSource.query('SELECT id FROM users WHERE email = $1', [
      email,
    ]);
    if (existing[0]) {
      ids.push(existing[0].id);
      continue;
    }
    hash ??= await passwordHash();
    const created = new Date(Date.now() - (120 + n) * DAY);
    const rows: { id: string }[] = await dataSource.query(
      `INSERT INTO users (email, password_hash, full_name, locale, roles, notification_preferences, email_confirmed_at,
                          voter_verified_at, consent_version, consent_at, created_at)
       VALUES ($1, $2, $3, $4, '{}', '{"contestNews": true, "moderationAlerts": true}', $5, $5, 'demo', $5, $5)
       RETURNING id`,
      [email, hash, `Демо избиратель ${n}`, n % 3 === 0 ? 'ky' : 'ru', created],
    );
    ids.push(rows[0].id);
  }
  return ids;
}

/**
 * Creates the contest with its entries and votes (once), then publishes its results if they are not
 * yet: a run interrupted between the two finishes the publication on the next run.
 */
export async function seedPublishedContest(
  dataSource: DataSource,
  config: AppConfig,
  databaseUrl: string,
  adminId: string,
  practiceIds: string[],
  voterIds: string[],
): Promise<void> {
  const existing: { id: string; results_published_at: Date | null }[] = await dataSource.query(
    `SELECT id, results_published_at FROM contests WHERE title ->> 'ru' = $1`,
    [PUBLISHED_CONTEST_TITLE],
  );
  const contest =
    existing[0] ??
    (await dataSource.transaction(async (manager) => ({
      id: await insertFinishedContest(manager, adminId, practiceIds, voterIds),
      results_published_at: null,
    })));
  if (!contest.results_published_at) {
    await publishThroughTheService(config, databaseUrl, adminId, contest.id);
  }
}

async function insertFinishedContest(
  manager: EntityManager,
  adminId: string,
  practiceIds: string[],
  voterIds: string[],
): Promise<string> {
  const now = Date.now();
  // The entries are published 36…16 days ago (demo-practices): the windows follow them.
  const votingOpensAt = new Date(now - 12 * DAY);
  const [contest] = await manager.query<{ id: string }[]>(
    `INSERT INTO contests (title, description, rules, entries_open_at, entries_close_at, voting_opens_at, voting_closes_at,
        votes_per_voter, voter_policy, show_live_counts, allow_retract, last_entry_number, created_by, entries_announced_at,
        voting_announced_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 3, 'verified', false, true, 6, $8, $4, $6, $4) RETURNING id`,
    [
      {
        ru: PUBLISHED_CONTEST_TITLE,
        ky: 'ЖӨБнын мыкты тажрыйбасы — 2025 (жыйынтыктар)',
        en: 'Best LSG practice — 2025 (results)',
      },
      {
        ru: 'Завершённый конкурс: итоги опубликованы, реестр голосов можно скачать и проверить.',
        ky: 'Аяктаган сынак: жыйынтыктар жарыяланды, добуштардын реестрин жүктөп алып текшерсе болот.',
        en: 'A finished contest: its results are published and its ledger of votes can be downloaded and checked.',
      },
      {
        ru: 'Голосуют верифицированные пользователи; до трёх голосов, один за практику.',
        ky: 'Текшерилген колдонуучулар добуш берет; үчкө чейин добуш, бир тажрыйбага бирден.',
        en: 'Verified voters; up to three votes, one per practice.',
      },
      new Date(now - 40 * DAY),
      new Date(now - 14 * DAY),
      votingOpensAt,
      new Date(now - 2 * DAY),
      adminId,
    ],
  );
  const nominations: { id: string }[] = [];
  for (const [position, title] of [
    {
      ru: 'Открытость и участие граждан',
      ky: 'Ачыктык жана жарандардын катышуусу',
      en: 'Openness and participation',
    },
    { ru: 'Услуги для жителей', ky: 'Тургундар үчүн кызматтар', en: 'Services for residents' },
  ].entries()) {
    nominations.push(
      ...(await manager.query<{ id: string }[]>(
        'INSERT INTO nominations (contest_id, title, winners_count, position) VALUES ($1, $2, 1, $3) RETURNING id',
        [contest.id, title, position],
      )),
    );
  }
  const entryIds: string[] = [];
  for (const [index, practiceId] of practiceIds.entries()) {
    const [entry] = await manager.query<{ id: string }[]>(
      `INSERT INTO contest_entries (contest_id, nomination_id, practice_id, status, number, submitted_by, decided_by, decided_at, created_at)
       SELECT $1, $2, id, 'accepted', $3, author_id, $4, $6, $5 FROM practices WHERE id = $7 RETURNING id`,
      [
        contest.id,
        nominations[index % 2].id,
        index + 1,
        adminId,
        new Date(now - (30 - index) * DAY),
        new Date(now - 13 * DAY),
        practiceId,
      ],
    );
    entryIds.push(entry.id);
  }
  await insertVotes(manager, contest.id, entryIds, voterIds, votingOpensAt);
  return contest.id;
}

/**
 * The rows VotesRepository's CAST_VOTE_SQL and COUNT_BALLOT_SQL write, cast over the voting window;
 * no network or browser hashes (the demo had no requests). Each voter picks two or three entries,
 * weighted by ENTRY_APPEAL, the same picks on every run.
 */
async function insertVotes(
  manager: EntityManager,
  contestId: string,
  entryIds: string[],
  voterIds: string[],
  votingOpensAt: Date,
): Promise<void> {
  for (const [v, voterId] of voterIds.entries()) {
    const picks = pickEntries(v, 2 + (v % 2), entryIds.length);
    for (const [k, entry] of picks.entries()) {
      await manager.query(
        `INSERT INTO votes (contest_id, entry_id, voter_id, cast_at, network_hash, user_agent_hash, account_age_days)
         SELECT $1, $2, id, $4, NULL, NULL, GREATEST(0, floor(extract(epoch FROM $4::timestamptz - created_at) / 86400))
           FROM users WHERE id = $3`,
        [contestId, entryIds[entry], voterId, new Date(votingOpensAt.getTime() + (v * 6 + k + 1) * HOUR)],
      );
    }
    await manager.query(
      'INSERT INTO voter_ballots (contest_id, voter_id, votes_used, votes_limit) VALUES ($1, $2, $3, 3)',
      [contestId, voterId, picks.length],
    );
  }
}

/** Weighted picks without repetition from a small deterministic generator seeded by the voter. */
function pickEntries(voter: number, count: number, entries: number): number[] {
  let state = (voter + 1) * 2_654_435_761;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  const left = ENTRY_APPEAL.slice(0, entries).map((weight, entry) => ({ weight, entry }));
  const picks: number[] = [];
  while (picks.length < count && left.length > 0) {
    let roll = next() * left.reduce((sum, e) => sum + e.weight, 0);
    const index = left.findIndex((e) => (roll -= e.weight) < 0);
    picks.push(left.splice(index === -1 ? left.length - 1 : index, 1)[0].entry);
  }
  return picks;
}

/**
 * Publication through the real code path: the portal's own application (not listening), the demo
 * admin as the caller. The announcer's emails to the contest's people are queued before it closes.
 */
async function publishThroughTheService(
  config: AppConfig,
  databaseUrl: string,
  adminId: string,
  contestId: string,
): Promise<void> {
  await withPortalApp(config, databaseUrl, async (app) => {
    const admin = await demoCaller(app.get(DataSource), adminId);
    const results = await app.get(ResultsService).publish(admin, contestId);
    await app.get(ResultsAnnouncer).kick();
    new Logger('DemoSeed').log(
      { contestId, ledgerSha256: results.ledgerSha256 },
      'demo contest results published',
    );
  });
}
