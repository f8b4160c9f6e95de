import { JwtService } from '@nestjs/jwt';
import { Response } from 'supertest';
import { newContest, openVoting } from './contests';
import { ReceivedMail } from './smtp-sink';
import { bearer, TestContext, TestRepresentative, TestUser } from './test-app';

export const HOUR = 3_600_000;

/** An ISO 8601 UTC date this many milliseconds from now. */
export const iso = (msFromNow: number): string => new Date(Date.now() + msFromNow).toISOString();

/** POST …/vote, no status expectation (the test asserts it). */
export function castVote(
  ctx: TestContext,
  voter: { accessToken: string },
  contestId: string,
  entryId: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return ctx.http
    .post(`/api/v1/contests/${contestId}/entries/${entryId}/vote`)
    .set(...bearer(voter))
    .set(headers)
    .send({});
}

/** DELETE …/vote, no status expectation. */
export function retractVote(
  ctx: TestContext,
  voter: { accessToken: string },
  contestId: string,
  entryId: string,
): Promise<Response> {
  return ctx.http.delete(`/api/v1/contests/${contestId}/entries/${entryId}/vote`).set(...bearer(voter));
}

/** An entry decision, no status expectation. */
export function decideEntry(
  ctx: TestContext,
  moderator: TestUser,
  contestId: string,
  entryId: string,
  body: Record<string, unknown>,
): Promise<Response> {
  return ctx.http
    .post(`/api/v1/contests/${contestId}/entries/${entryId}/decision`)
    .set(...bearer(moderator))
    .send(body);
}

/** POST …/entries, no status expectation. */
export function enterPractice(
  ctx: TestContext,
  owner: TestUser,
  contestId: string,
  body: Record<string, unknown>,
): Promise<Response> {
  return ctx.http
    .post(`/api/v1/contests/${contestId}/entries`)
    .set(...bearer(owner))
    .send(body);
}

export interface EntryOptions {
  owner?: TestRepresentative;
  moderator?: TestUser;
  municipalityCode?: string;
  /** Attached to each practice before it is published, so the ballot shows thumbnails. */
  photo?: Buffer;
}

/**
 * Enters `count` published practices of one representative and accepts them one by one (faster than
 * `acceptedEntries`, which signs up a representative per entry); returns entry ids in number order.
 */
export async function quickEntries(
  ctx: TestContext,
  contestId: string,
  nominationId: string,
  count: number,
  options: EntryOptions = {},
): Promise<string[]> {
  const owner = options.owner ?? (await ctx.newRepresentative(options.municipalityCode ?? 'M-SADOVOE'));
  const moderator = options.moderator ?? (await ctx.newModerator());
  const practices: string[] = [];
  for (let start = 0; start < count; start += 10) {
    const batch = Array.from({ length: Math.min(10, count - start) }, (_, i) =>
      options.photo
        ? publishedWithPhoto(ctx, owner, moderator, `Конкурсная практика ${start + i + 1}`, options.photo)
        : ctx.newPractice(owner, 'published', { title: `Конкурсная практика ${start + i + 1}` }),
    );
    practices.push(...(await Promise.all(batch)).map((p) => p.id));
  }
  const ids: string[] = [];
  for (const practiceId of practices) {
    const entry = await enterPractice(ctx, owner, contestId, { practiceId, nominationId });
    if (entry.status !== 201) {
      throw new Error(`entry not created: ${entry.status} ${JSON.stringify(entry.body)}`);
    }
    const accepted = await decideEntry(ctx, moderator, contestId, entry.body.id, { action: 'accept' });
    if (accepted.status !== 200) {
      throw new Error(`entry not accepted: ${accepted.status} ${JSON.stringify(accepted.body)}`);
    }
    ids.push(entry.body.id as string);
  }
  return ids;
}

/** A practice published with one photo (photos are added only before publication). */
async function publishedWithPhoto(
  ctx: TestContext,
  owner: TestRepresentative,
  moderator: TestUser,
  title: string,
  photo: Buffer,
): Promise<{ id: string }> {
  const { id } = await ctx.newPractice(owner, 'draft', { title });
  await ctx.http
    .post(`/api/v1/practices/${id}/attachments`)
    .set(...bearer(owner))
    .attach('file', photo, 'photo.jpg')
    .expect(201);
  await ctx.http
    .post(`/api/v1/practices/${id}/submit`)
    .set(...bearer(owner))
    .send({})
    .expect(200);
  await ctx.http
    .post(`/api/v1/moderation/practices/${id}/decision`)
    .set(...bearer(moderator))
    .send({ action: 'approve' })
    .expect(200);
  return { id };
}

export interface VotingContest {
  id: string;
  nominationIds: string[];
  /** Accepted entries of the first nomination, in number order (entries[0] is number 1). */
  entries: string[];
}

/** A contest with `entryCount` accepted entries in its first nomination and voting open now. */
export async function votingContest(
  ctx: TestContext,
  admin: TestUser,
  overrides: Record<string, unknown> = {},
  entryCount = 3,
  options: EntryOptions = {},
): Promise<VotingContest> {
  const contest = await newContest(ctx, admin, overrides);
  const entries = await quickEntries(ctx, contest.id, contest.nominationIds[0], entryCount, options);
  await openVoting(ctx, admin, contest.id);
  return { ...contest, entries };
}

/** Moves votingClosesAt to now and publishes; returns the publication response. */
export async function closeAndPublish(
  ctx: TestContext,
  admin: TestUser,
  contestId: string,
): Promise<Response> {
  await ctx.http
    .patch(`/api/v1/contests/${contestId}`)
    .set(...bearer(admin))
    .send({ votingClosesAt: iso(-1) })
    .expect(200);
  return ctx.http
    .post(`/api/v1/contests/${contestId}/results`)
    .set(...bearer(admin))
    .send();
}

/**
 * Everything a cast or retraction by this voter could write. `emails` counts every queued email to
 * the voter except contest announcements (the announcer's timer may queue one at any moment).
 */
export interface VoterFootprint {
  votes: number;
  ballots: number;
  votesUsed: number;
  receipts: number;
  emails: number;
  audits: number;
}

export async function footprint(ctx: TestContext, voter: TestUser): Promise<VoterFootprint> {
  const [row] = await ctx.db.query(
    `SELECT (SELECT count(*)::int FROM votes WHERE voter_id = $1) AS votes,
            (SELECT count(*)::int FROM voter_ballots WHERE voter_id = $1) AS ballots,
            (SELECT coalesce(sum(votes_used), 0)::int FROM voter_ballots WHERE voter_id = $1) AS "votesUsed",
            (SELECT count(*)::int FROM email_outbox WHERE to_address = $2 AND template = 'vote-receipt') AS receipts,
            (SELECT count(*)::int FROM email_outbox
              WHERE to_address = $2 AND template <> 'contest-announcement') AS emails,
            (SELECT count(*)::int FROM audit_log WHERE actor_id = $1) AS audits`,
    [voter.id, voter.email],
  );
  return row as VoterFootprint;
}

let bulkSequence = 0;

/**
 * Many confirmed accounts at once: one INSERT reusing the argon2 hash (and preferences) of one
 * account made the usual way, and access tokens signed exactly as the app signs them (its own JwtService: HS256, iss/aud,
 * exp), so no login and no hashing per account.
 */
export async function bulkVoters(
  ctx: TestContext,
  count: number,
  options: { verified?: boolean } = {},
): Promise<TestUser[]> {
  const template = await ctx.newUser();
  bulkSequence += 1;
  const prefix = `bulk.${process.pid}.${bulkSequence}.${Date.now()}`;
  const rows: { id: string; email: string }[] = await ctx.db.query(
    `INSERT INTO users (email, password_hash, full_name, locale, notification_preferences, consent_version,
                        consent_at, email_confirmed_at, voter_verified_at)
     SELECT $1 || '.' || g || '@example.kg', t.password_hash, 'Bulk Voter ' || g, 'en', t.notification_preferences,
            'test', now(), now(), CASE WHEN $3::boolean THEN now() END
       FROM users t CROSS JOIN generate_series(1, $4::int) AS g
      WHERE t.id = $2
     RETURNING id, email`,
    [prefix, template.id, options.verified ?? false, count],
  );
  const jwt = ctx.app.get(JwtService);
  return Promise.all(
    rows.map(async (row) => ({
      id: row.id,
      email: row.email,
      password: template.password,
      accessToken: await jwt.signAsync({ sub: row.id, tv: 0 }),
      refreshToken: '',
    })),
  );
}

/** Audit rows about one object, oldest first. */
export function auditOf(
  ctx: TestContext,
  objectId: string,
): Promise<
  { action: string; actor_id: string | null; reason: string | null; details: Record<string, unknown> }[]
> {
  return ctx.db.query(
    'SELECT action, actor_id, reason, details FROM audit_log WHERE object_id = $1 ORDER BY created_at, id',
    [objectId],
  );
}

/** Waits until no email of this template is still queued and at least `count` were sent. */
export async function waitForSent(
  ctx: TestContext,
  template: string,
  count: number,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const pending = await ctx.count('email_outbox', "template = $1 AND status <> 'sent'", [template]);
    const sent = await ctx.count('email_outbox', "template = $1 AND status = 'sent'", [template]);
    if (pending === 0 && sent >= count) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`fewer than ${count} ${template} emails sent within ${timeoutMs} ms`);
}

/** Waits for an email to `address` that satisfies `match` (arrival order varies). */
export async function waitForMail(
  ctx: TestContext,
  address: string,
  match: (mail: ReceivedMail) => boolean,
  timeoutMs = 15_000,
): Promise<ReceivedMail> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = ctx.mail.to(address).find(match);
    if (found) {
      return found;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`no matching email to ${address} within ${timeoutMs} ms`);
}
