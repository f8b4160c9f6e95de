import { randomUUID } from 'node:crypto';
import { Role } from '../src/common/auth/role';
import { newVoter } from './support/contests';
import { TestContext, TestUser } from './support/test-app';
import { votingContest, VotingContest } from './support/voting-helpers';

const FOREIGN_KEY_VIOLATION = '23503';

/** Issue 8 §2: the database itself refuses rows that point at nothing, whatever the code does. */
describe('database integrity (foreign keys)', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let voter: TestUser;
  let first: VotingContest;
  let second: VotingContest;

  /** The SQLSTATE the statement failed with, or undefined when it succeeded. */
  async function sqlState(sql: string, params: unknown[]): Promise<string | undefined> {
    try {
      await ctx.db.query(sql, params);
      return undefined;
    } catch (error) {
      return (error as { driverError?: { code?: string } }).driverError?.code;
    }
  }

  const castSql = `INSERT INTO votes (contest_id, entry_id, voter_id, cast_at, account_age_days)
                   VALUES ($1, $2, $3, now(), 0)`;

  beforeAll(async () => {
    ctx = await TestContext.start();
    admin = await ctx.newUser({ roles: [Role.Admin] });
    const moderator = await ctx.newModerator();
    voter = await newVoter(ctx);
    first = await votingContest(ctx, admin, {}, 1, { moderator });
    second = await votingContest(ctx, admin, {}, 1, { moderator });
  }, 120_000);
  afterAll(() => ctx.close());

  it("refuses a vote in one contest for another contest's entry", async () => {
    expect(await sqlState(castSql, [first.id, second.entries[0], voter.id])).toBe(FOREIGN_KEY_VIOLATION);
    expect(await ctx.count('votes', 'voter_id = $1', [voter.id])).toBe(0);
  });

  it('accepts the same vote for an entry of its own contest', async () => {
    expect(await sqlState(castSql, [first.id, first.entries[0], voter.id])).toBeUndefined();
  });

  const unknown = randomUUID();
  it.each([
    ['a vote by an unknown voter', () => [castSql, [second.id, second.entries[0], unknown]]],
    ['a vote for an unknown entry', () => [castSql, [second.id, unknown, voter.id]]],
    [
      'a vote annulled by an unknown user',
      () => [
        `INSERT INTO votes (contest_id, entry_id, voter_id, cast_at, account_age_days, annulled_at, annulled_by)
         VALUES ($1, $2, $3, now(), 0, now(), $4)`,
        [second.id, second.entries[0], voter.id, unknown],
      ],
    ],
    [
      'a ballot in an unknown contest',
      () => [
        'INSERT INTO voter_ballots (contest_id, voter_id, votes_used) VALUES ($1, $2, 1)',
        [unknown, voter.id],
      ],
    ],
    [
      'a ballot of an unknown voter',
      () => [
        'INSERT INTO voter_ballots (contest_id, voter_id, votes_used) VALUES ($1, $2, 1)',
        [first.id, unknown],
      ],
    ],
    [
      'a verification of an unknown user',
      () => [
        `INSERT INTO voter_verifications (user_id, phone, municipality_id)
         SELECT $1, '+996555000111', id FROM municipalities LIMIT 1`,
        [unknown],
      ],
    ],
    [
      'a verification in an unknown municipality',
      () => [
        `INSERT INTO voter_verifications (user_id, phone, municipality_id) VALUES ($1, '+996555000111', $2)`,
        [voter.id, unknown],
      ],
    ],
    [
      'a verification decided by an unknown user',
      () => [
        `INSERT INTO voter_verifications (user_id, phone, municipality_id, status, decided_by, decided_at)
         SELECT $1, '+996555000111', id, 'refused', $2, now() FROM municipalities LIMIT 1`,
        [voter.id, unknown],
      ],
    ],
    [
      'results of an unknown contest',
      () => [
        `INSERT INTO contest_results (contest_id, published_at, published_by, snapshot, ledger_csv, ledger_sha256)
         VALUES ($1, now(), $2, '{}', '', '')`,
        [unknown, admin.id],
      ],
    ],
    [
      'results published by an unknown user',
      () => [
        `INSERT INTO contest_results (contest_id, published_at, published_by, snapshot, ledger_csv, ledger_sha256)
         VALUES ($1, now(), $2, '{}', '', '')`,
        [first.id, unknown],
      ],
    ],
    [
      'a transition of an unknown practice',
      () => [
        `INSERT INTO practice_transitions (practice_id, action, to_status, actor_id) VALUES ($1, 'create', 'draft', $2)`,
        [unknown, admin.id],
      ],
    ],
    [
      'a transition by an unknown actor',
      () => [
        `INSERT INTO practice_transitions (practice_id, action, to_status, actor_id)
         SELECT id, 'create', 'draft', $1 FROM practices LIMIT 1`,
        [unknown],
      ],
    ],
    [
      'a revision of an unknown practice',
      () => [
        `INSERT INTO practice_revisions (practice_id, revision, content, submitted_by) VALUES ($1, 99, '{}', $2)`,
        [unknown, admin.id],
      ],
    ],
    [
      'an entry decided by an unknown user',
      () => ['UPDATE contest_entries SET decided_by = $2 WHERE id = $1', [first.entries[0], unknown]],
    ],
    [
      'a membership decided by an unknown user',
      () => ['UPDATE representative_memberships SET decided_by = $1', [unknown]],
    ],
  ] as [string, () => [string, unknown[]]][])('refuses %s', async (_, statement) => {
    const [sql, params] = statement();
    expect(await sqlState(sql, params)).toBe(FOREIGN_KEY_VIOLATION);
  });
});
