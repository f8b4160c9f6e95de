import { bearer, TestContext, TestUser } from './test-app';

const HOUR = 3_600_000;
const iso = (msFromNow: number) => new Date(Date.now() + msFromNow).toISOString();

/** A contest accepting entries now, voting later; override settings or dates as a test needs. */
export async function newContest(
  ctx: TestContext,
  admin: TestUser,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; nominationIds: string[] }> {
  const response = await ctx.http
    .post('/api/v1/contests')
    .set(...bearer(admin))
    .send({
      title: { ru: 'Лучшая практика МСУ', ky: 'ЖӨБнын мыкты тажрыйбасы', en: 'Best LSG practice' },
      description: { ru: 'Ежегодный конкурс лучших практик местного самоуправления.' },
      rules: { ru: 'Один пользователь — один голос за практику.' },
      nominations: [
        { title: { ru: 'Бюджет', en: 'Budget' }, winnersCount: 2 },
        { title: { ru: 'Участие граждан' }, winnersCount: 1 },
      ],
      entriesOpenAt: iso(-HOUR),
      entriesCloseAt: iso(HOUR),
      votingOpensAt: iso(2 * HOUR),
      votingClosesAt: iso(3 * HOUR),
      ...overrides,
    });
  if (response.status !== 201) {
    throw new Error(`contest not created: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return { id: response.body.id, nominationIds: response.body.nominations.map((n: { id: string }) => n.id) };
}

/** Moves the schedule so that voting is open now (entries closed a moment ago). */
export async function openVoting(ctx: TestContext, admin: TestUser, contestId: string): Promise<void> {
  await ctx.http
    .patch(`/api/v1/contests/${contestId}`)
    .set(...bearer(admin))
    .send({ entriesCloseAt: iso(-1000), votingOpensAt: iso(-1000) })
    .expect(200);
}

/** Closes voting now (closing early is moving a future date). */
export async function closeVoting(ctx: TestContext, admin: TestUser, contestId: string): Promise<void> {
  await ctx.http
    .patch(`/api/v1/contests/${contestId}`)
    .set(...bearer(admin))
    .send({ votingClosesAt: iso(-1) })
    .expect(200);
}

/** Enters published practices of fresh representatives and accepts them; returns entry ids in number order. */
export async function acceptedEntries(
  ctx: TestContext,
  admin: TestUser,
  contestId: string,
  nominationId: string,
  count: number,
  municipalityCode = 'M-SADOVOE',
): Promise<string[]> {
  const moderator = await ctx.newModerator();
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const owner = await ctx.newRepresentative(municipalityCode);
    const practice = await ctx.newPractice(owner, 'published', {
      title: `Практика номер ${i + 1} для конкурса`,
    });
    const entry = await ctx.http
      .post(`/api/v1/contests/${contestId}/entries`)
      .set(...bearer(owner))
      .send({ practiceId: practice.id, nominationId })
      .expect(201);
    await ctx.http
      .post(`/api/v1/contests/${contestId}/entries/${entry.body.id}/decision`)
      .set(...bearer(moderator))
      .send({ action: 'accept' })
      .expect(200);
    ids.push(entry.body.id);
  }
  void admin;
  return ids;
}

/** A confirmed user verified as a voter (directly, as a moderator's approval would). */
export async function newVoter(ctx: TestContext, verified = true): Promise<TestUser> {
  const user = await ctx.newUser();
  if (verified) {
    await ctx.db.query('UPDATE users SET voter_verified_at = now() WHERE id = $1', [user.id]);
  }
  return user;
}
