import { expectFieldError } from './support/assertions';
import { countStatements, decide, idsOf, walkPages } from './support/practice-helpers';
import { bearer, TestContext, TestRepresentative, TestUser } from './support/test-app';

interface QueueItem {
  kind: 'practice' | 'representative';
  id: string;
  status: string;
  waitingSince: string;
  municipalityId: string;
  claimedBy: string | null;
}

/** §3 moderation queue: everything waiting, oldest first, in pages that cost the same whatever their size. */
describe('moderation queue', () => {
  let ctx: TestContext;
  let moderator: TestUser;
  let rep: TestRepresentative;
  const waitingPractices: string[] = [];
  const waitingRequests: string[] = [];
  const notWaiting: string[] = [];

  const queue = (query: Record<string, string | number | undefined> = {}) =>
    ctx.http
      .get('/api/v1/moderation/queue')
      .set(...bearer(moderator))
      .query(query);

  async function requestRepresentation(code: string): Promise<string> {
    const citizen = await ctx.newUser();
    const response = await ctx.http
      .post(`/api/v1/municipalities/${await ctx.idOf('municipalities', code)}/representatives`)
      .set(...bearer(citizen))
      .send({});
    expect(response.status).toBe(201);
    return response.body.id as string;
  }

  beforeAll(async () => {
    // No outbox worker: nothing else talks to the database while statements are counted.
    ctx = await TestContext.start({}, { worker: false });
    moderator = await ctx.newModerator();
    rep = await ctx.newRepresentative('M-SADOVOE');
    // Practices and requests interleaved in time, so pages cross from one kind to the other.
    for (let i = 0; i < 18; i++) {
      waitingPractices.push(
        (await ctx.newPractice(rep, 'submitted', { title: `Практика в очереди ${i}` })).id,
      );
      if (i % 3 === 0) {
        waitingRequests.push(await requestRepresentation(i % 2 ? 'M-DOSTUK' : 'M-KOSHDOBO'));
      }
    }
    for (let i = 0; i < 10; i++) {
      waitingRequests.push(await requestRepresentation('M-GB'));
    }
    const claimed = waitingPractices[4];
    expect((await decide(ctx, moderator, claimed, { action: 'claim' })).status).toBe(200);
    // Never in the queue: a draft, a published practice, decided requests.
    notWaiting.push((await ctx.newPractice(rep, 'draft')).id, (await ctx.newPractice(rep, 'published')).id);
    for (const action of ['approve', 'refuse'] as const) {
      const id = await requestRepresentation('M-DOSTUK');
      await ctx.http
        .post(`/api/v1/moderation/representatives/${id}/decision`)
        .set(...bearer(moderator))
        .send({ action, ...(action === 'refuse' && { reason: 'Нет подтверждения полномочий' }) })
        .expect(200);
      notWaiting.push(id);
    }
  }, 120_000);
  afterAll(() => ctx.close());

  it('lists waiting practices and representative requests oldest first, with counts by kind', async () => {
    const response = await queue({ limit: 100 }).expect(200);
    const items = response.body.items as QueueItem[];
    expect(response.body.counts).toMatchObject({
      practice: waitingPractices.length,
      representative: waitingRequests.length,
    });
    expect(items.map((item) => item.id).sort()).toEqual([...waitingPractices, ...waitingRequests].sort());
    const times = items.map((item) => Date.parse(item.waitingSince));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(items.find((item) => item.id === waitingPractices[4])).toMatchObject({
      kind: 'practice',
      status: 'in_review',
      claimedBy: moderator.id,
    });
    expect(items.find((item) => item.id === waitingRequests[0])).toMatchObject({
      kind: 'representative',
      status: 'pending',
    });
    expect(response.body.nextCursor).toBeNull();
  });

  it('lists one kind only when asked', async () => {
    for (const [kind, expected] of [
      ['practice', waitingPractices],
      ['representative', waitingRequests],
    ] as const) {
      const items = (await queue({ kind, limit: 100 }).expect(200)).body.items as QueueItem[];
      expect(items.map((item) => item.id).sort()).toEqual([...expected].sort());
      expect(new Set(items.map((item) => item.kind))).toEqual(new Set([kind]));
    }
  });

  it.each([1, 7])('walks every page of %i item(s) with no duplicates and no gaps', async (limit) => {
    const all = idsOf(await queue({ limit: 100 }).expect(200));
    const walked = await walkPages((cursor) => queue({ limit, cursor }));
    expect(walked.ids).toEqual(all);
    expect(new Set(walked.ids).size).toBe(walked.ids.length);
  });

  it('walks the pages of one kind', async () => {
    const all = idsOf(await queue({ kind: 'representative', limit: 100 }).expect(200));
    const walked = await walkPages((cursor) => queue({ kind: 'representative', limit: 4, cursor }));
    expect(walked.ids).toEqual(all);
  });

  it('refuses a limit outside 1–100, an unknown kind and a forged cursor with 400', async () => {
    for (const limit of ['0', '101', 'x']) {
      expectFieldError(await queue({ limit }), 'limit');
    }
    expectFieldError(await queue({ kind: 'contest' }), 'kind');
    const encode = (text: string) => Buffer.from(text).toString('base64url');
    for (const cursor of [
      'garbage',
      encode('yesterday|not-a-uuid'),
      encode(`2020-01-01T00:00:00Z|x' OR 1=1`),
    ]) {
      expectFieldError(await queue({ cursor }), 'cursor');
    }
  });

  it('runs the same small number of SQL statements for a page of 1 and a page of 30', async () => {
    const small = await countStatements(() => queue({ limit: 1 }).expect(200));
    const large = await countStatements(async () => {
      const response = await queue({ limit: 30 }).expect(200);
      expect(response.body.items).toHaveLength(30);
    });
    expect(small.count).toBe(large.count);
    expect(large.count).toBeGreaterThan(0);
    // The caller's account, the page, the counts.
    expect(large.count).toBeLessThanOrEqual(3);
  });

  it('drops an item once it is decided', async () => {
    const practice = waitingPractices[0];
    const request = waitingRequests[waitingRequests.length - 1];
    expect((await decide(ctx, moderator, practice, { action: 'approve' })).status).toBe(200);
    await ctx.http
      .post(`/api/v1/moderation/representatives/${request}/decision`)
      .set(...bearer(moderator))
      .send({ action: 'approve' })
      .expect(200);
    const response = await queue({ limit: 100 }).expect(200);
    expect(idsOf(response)).not.toContain(practice);
    expect(idsOf(response)).not.toContain(request);
    for (const id of notWaiting) {
      expect(idsOf(response)).not.toContain(id);
    }
    expect(response.body.counts).toMatchObject({
      practice: waitingPractices.length - 1,
      representative: waitingRequests.length - 1,
    });
  });
});
