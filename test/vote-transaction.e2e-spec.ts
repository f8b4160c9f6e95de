import { Pool } from 'pg';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { Role } from '../src/common/auth/role';
import { CommonErrors } from '../src/common/errors/domain-error';
import { toDomainError } from '../src/common/errors/problem-response';
import { VotesRepository } from '../src/voting/votes.repository';
import { newVoter } from './support/contests';
import { TestContext, TestUser } from './support/test-app';
import { castVote, votingContest } from './support/voting-helpers';

/** The cast's transaction runs on a client of TypeORM's pg pool: its timeouts, rollback and release. */
describe('vote transaction on the pg pool', () => {
  let ctx: TestContext;
  let admin: TestUser;

  beforeAll(async () => {
    // Two pooled connections: holding both makes the next acquire time out after 500 ms.
    ctx = await TestContext.start({ DATABASE_POOL_SIZE: '2', DATABASE_ACQUIRE_TIMEOUT_MS: '500' });
    admin = await ctx.newUser({ roles: [Role.Admin] });
  }, 60_000);
  afterAll(() => ctx.close());

  it("turns the pool's acquire timeout into 503 service_unavailable, as TypeORM's transaction did", async () => {
    const holders = Promise.all([ctx.db.query('SELECT pg_sleep(2)'), ctx.db.query('SELECT pg_sleep(2)')]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();

    const error = await ctx.app
      .get(VotesRepository)
      .castTransaction(() => Promise.resolve('never runs'))
      .catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    await holders;

    expect(elapsed).toBeLessThan(1_800);
    const { error: problem } = toDomainError(error);
    expect(problem).toMatchObject({ status: 503, code: 'service_unavailable' });
  });

  it('rolls the whole cast back when a statement fails, and returns the connection to the pool', async () => {
    const contest = await votingContest(ctx, admin, { voterPolicy: 'email' }, 1);
    const voter = await newVoter(ctx);
    const votes = ctx.app.get(VotesRepository);

    await expect(
      votes.castTransaction(async (tx) => {
        await tx.insertVote({
          contestId: contest.id,
          entryId: contest.entries[0],
          voterId: voter.id,
          networkHash: null,
          userAgentHash: null,
          accountAgeDays: 0,
        });
        await tx.countBallot(contest.id, voter.id, 0); // the CHECK refuses votes_used 1 > limit 0
      }),
    ).rejects.toMatchObject({ code: '23514' });

    // No client is left checked out of the pool (background jobs borrow one now and then: a leaked
    // client never comes back, theirs do within moments).
    const pool = (ctx.db.driver as PostgresDriver).master as Pool;
    const deadline = Date.now() + 2_000;
    while (pool.totalCount - pool.idleCount > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(pool.totalCount - pool.idleCount).toBe(0);
    expect(await ctx.count('votes', 'contest_id = $1', [contest.id])).toBe(0);
    expect(await ctx.count('voter_ballots', 'contest_id = $1', [contest.id])).toBe(0);
    expect((await castVote(ctx, voter, contest.id, contest.entries[0])).status).toBe(201);
    expect(await ctx.count('votes', 'contest_id = $1', [contest.id])).toBe(1);
  });

  it('ends the cast before BEGIN when the read ahead of it refuses, and gives the connection back', async () => {
    const contest = await votingContest(ctx, admin, { voterPolicy: 'email' }, 1);
    const voter = await newVoter(ctx);
    const votes = ctx.app.get(VotesRepository);
    let worked = false;

    await expect(
      votes.castTransaction(
        () => {
          worked = true;
          return Promise.resolve();
        },
        async (client) => {
          const { rows } = await client.query<{ open: boolean }>(
            'SELECT now() >= voting_opens_at AS open FROM contests WHERE id = $1',
            [contest.id],
          );
          expect(rows[0].open).toBe(true);
          throw CommonErrors.forbidden();
        },
      ),
    ).rejects.toMatchObject({ code: 'forbidden' });

    expect(worked).toBe(false);
    await expectNoClientCheckedOut();
    expect((await castVote(ctx, voter, contest.id, contest.entries[0])).status).toBe(201);
  });

  it('drops the connection when the read ahead of the cast fails in the database', async () => {
    const votes = ctx.app.get(VotesRepository);
    const pool = (ctx.db.driver as PostgresDriver).master as Pool;
    const removed = new Promise((resolve) => pool.once('remove', resolve));
    await expect(
      votes.castTransaction(
        () => Promise.resolve(),
        (client) => client.query('SELECT 1 FROM no_such_table'),
      ),
    ).rejects.toMatchObject({ code: '42P01' });
    await removed; // as pool.query does with a client whose query failed
    await expectNoClientCheckedOut();
  });

  /** Background jobs borrow a client now and then: a leaked one never comes back, theirs do. */
  async function expectNoClientCheckedOut(): Promise<void> {
    const pool = (ctx.db.driver as PostgresDriver).master as Pool;
    const deadline = Date.now() + 2_000;
    while (pool.totalCount - pool.idleCount > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(pool.totalCount - pool.idleCount).toBe(0);
  }
});
