import { Role } from '../src/common/auth/role';
import { ContestAnnouncer } from '../src/contests/contest-announcer';
import { newContest, openVoting } from './support/contests';
import { bearer, TestContext, TestUser } from './support/test-app';
import { waitForSent } from './support/voting-helpers';

/**
 * §4 "contest open for entries and open for voting (subscribers and representatives)" with §5
 * "background work is safe to run on every instance at once": each announcement goes out once.
 */
describe('contest announcements', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let announcers: ContestAnnouncer[];
  let subscriber: TestUser;
  let optedOut: TestUser;
  let optedOutRepresentative: TestUser;
  let unconfirmed: TestUser;
  let blocked: TestUser;

  const optOut = (user: TestUser) =>
    ctx.http
      .patch('/api/v1/users/me')
      .set(...bearer(user))
      .send({ notificationPreferences: { contestNews: false, moderationAlerts: true } })
      .expect(200);
  /** Every instance claims due announcements at once, and again. */
  const announceEverywhere = async () => {
    const rounds = await Promise.all(announcers.flatMap((a) => [a.announceDue(), a.announceDue()]));
    return rounds.reduce((sum, n) => sum + n, 0) + (await announcers[1].announceDue());
  };
  const received = (user: TestUser, subject: string) =>
    ctx.mail.to(user.email).filter((mail) => mail.subject.startsWith(subject));
  /** Addresses that received this subject more than once. */
  const duplicates = (subject: string) => {
    const seen = new Map<string, number>();
    ctx.mail.received
      .filter((mail) => mail.subject.startsWith(subject))
      .forEach((mail) => seen.set(mail.to, (seen.get(mail.to) ?? 0) + 1));
    return [...seen].filter(([, n]) => n > 1);
  };

  beforeAll(async () => {
    ctx = await TestContext.start();
    const other = await ctx.startInstance({ worker: false });
    announcers = [ctx.app.get(ContestAnnouncer), other.get(ContestAnnouncer)];
    // The test drives the passes itself: stop both instances' own polling timers.
    announcers.forEach((announcer) => announcer.onApplicationShutdown());

    admin = await ctx.newUser({ roles: [Role.Admin] });
    subscriber = await ctx.newUser({ fullName: 'Subscriber' });
    optedOut = await ctx.newUser({ fullName: 'Not interested' });
    await optOut(optedOut);
    optedOutRepresentative = await ctx.newRepresentative('M-DOSTUK', { fullName: 'Representative' });
    await optOut(optedOutRepresentative);
    unconfirmed = await ctx.newUser({ confirmed: false });
    blocked = await ctx.newUser();
    await ctx.http
      .patch(`/api/v1/admin/users/${blocked.id}`)
      .set(...bearer(admin))
      .send({ blocked: true })
      .expect(200);
  }, 60_000);
  afterAll(() => ctx.close());

  it('announces entries open and then voting open exactly once each, whichever instance runs the pass', async () => {
    const contest = await newContest(ctx, admin, {
      title: { en: 'Best LSG practice 2026', ru: 'Лучшая практика' },
    });

    expect(await announceEverywhere()).toBe(1);
    expect(await announceEverywhere()).toBe(0);
    const entryMails = await ctx.count('email_outbox', "template = 'contest-announcement'");
    expect(entryMails).toBeGreaterThanOrEqual(2);
    await waitForSent(ctx, 'contest-announcement', entryMails);

    expect(received(subscriber, 'Entries are open')).toHaveLength(1);
    expect(received(subscriber, 'Entries are open')[0].subject).toContain('Best LSG practice 2026');
    expect(received(optedOutRepresentative, 'Entries are open')).toHaveLength(1);
    expect(received(optedOut, 'Entries are open')).toHaveLength(0);
    expect(received(unconfirmed, 'Entries are open')).toHaveLength(0);
    expect(received(blocked, 'Entries are open')).toHaveLength(0);
    expect(duplicates('Entries are open')).toEqual([]);
    expect(received(subscriber, 'Voting is open')).toHaveLength(0);

    await openVoting(ctx, admin, contest.id);
    expect(await announceEverywhere()).toBe(1);
    expect(await announceEverywhere()).toBe(0);
    const allMails = await ctx.count('email_outbox', "template = 'contest-announcement'");
    expect(allMails).toBe(2 * entryMails);
    await waitForSent(ctx, 'contest-announcement', allMails);

    expect(received(subscriber, 'Voting is open')).toHaveLength(1);
    expect(received(optedOutRepresentative, 'Voting is open')).toHaveLength(1);
    expect(received(optedOut, 'Voting is open')).toHaveLength(0);
    expect(received(unconfirmed, 'Voting is open')).toHaveLength(0);
    expect(received(blocked, 'Voting is open')).toHaveLength(0);
    expect(duplicates('Voting is open')).toEqual([]);
    expect(received(subscriber, 'Entries are open')).toHaveLength(1);
  });

  it('announces nothing for a contest that has not opened yet', async () => {
    const later = Date.now() + 3_600_000;
    await newContest(ctx, admin, {
      entriesOpenAt: new Date(later).toISOString(),
      entriesCloseAt: new Date(later + 3_600_000).toISOString(),
      votingOpensAt: new Date(later + 7_200_000).toISOString(),
      votingClosesAt: new Date(later + 10_800_000).toISOString(),
    });
    const before = await ctx.count('email_outbox', "template = 'contest-announcement'");
    expect(await announceEverywhere()).toBe(0);
    expect(await ctx.count('email_outbox', "template = 'contest-announcement'")).toBe(before);
  });
});
