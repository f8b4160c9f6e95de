import { AuthUser } from '../../common/auth/auth-user';
import { ContestDto } from '../../contests/dto/contest.dto';
import { EntryDto } from '../../contests/dto/entry.dto';
import { MessageCatalog } from '../i18n/message-catalog';
import { WebContext } from '../render/page';
import { ballotModel, BallotInput } from './ballot.view';

const catalog = MessageCatalog.load();
const context = (user?: AuthUser): WebContext => ({
  locale: 'en',
  user,
  url: '/',
  t: (key, params) => catalog.t('en', key, params),
  tn: (key, count, params) => catalog.tn('en', key, count, params),
});

const contest = (overrides: Partial<ContestDto> = {}): ContestDto =>
  ({
    id: 'c1',
    title: 'Best practice',
    phase: 'voting',
    voterPolicy: 'verified',
    votesPerVoter: 2,
    allowRetract: true,
    nominations: [{ id: 'n1', title: 'Budget', winnersCount: 1 }],
    ...overrides,
  }) as ContestDto;

const entry = (id: string, votes?: number, thumbnailUrl: string | null = null): EntryDto =>
  ({
    id,
    nominationId: 'n1',
    number: 1,
    practice: { id: `p-${id}`, name: `Practice ${id}` },
    municipality: { id: 'm', name: 'Dostuk' },
    thumbnailUrl,
    votes,
  }) as EntryDto;

const voter = (overrides: Partial<AuthUser> = {}): AuthUser =>
  ({ id: 'u', emailConfirmed: true, voterVerified: true, ...overrides }) as AuthUser;

const myVotes = (entryIds: string[], left: number) => ({
  pseudonym: 'abc',
  votesUsed: entryIds.length,
  votesLeft: left,
  votes: entryIds.map((entryId) => ({
    voteId: `v-${entryId}`,
    entryId,
    entryNumber: 1,
    castAt: new Date(),
    annulled: false,
  })),
});

function model(input: Partial<BallotInput>, user?: AuthUser) {
  return ballotModel(context(user), {
    contest: contest(),
    entries: [entry('a'), entry('b')],
    ...input,
    user,
  });
}

describe('ballotModel', () => {
  it("shows the practice's cover as the catalog's 160 px WebP thumbnail, and nothing without one", () => {
    const practiceId = '11111111-1111-4111-8111-111111111111';
    const attachmentId = '22222222-2222-4222-8222-222222222222';
    const withPhoto = entry(
      'a',
      undefined,
      `/api/v1/practices/${practiceId}/attachments/${attachmentId}/thumbnail`,
    );
    const [a, b] = model({ entries: [withPhoto, entry('b')] }).nominations[0].entries;
    expect(a.image).toEqual({
      src: `/images/practices/${practiceId}/${attachmentId}/160.webp`,
      width: 160,
      height: 120,
    });
    expect(b.image).toBeUndefined();
  });

  it('offers a vote button per entry, named after the practice, and says how many votes are left', () => {
    const ballot = model({ myVotes: myVotes(['a'], 1) }, voter());
    const [a, b] = ballot.nominations[0].entries;
    expect(a).toMatchObject({
      voted: true,
      action: 'withdraw',
      buttonText: 'Withdraw vote for “Practice a”',
    });
    expect(b).toMatchObject({ voted: false, action: 'vote', buttonText: 'Vote for “Practice b”' });
    expect(b.actionUrl).toBe('/contests/c1/entries/b/vote');
    expect(ballot.usage).toBe('You have used 1 of 2 votes; 1 left.');
    expect(ballot.blocker).toBeUndefined();
  });

  it('hides vote buttons when no votes are left but still lets the voter withdraw', () => {
    const [a, b] = model({ myVotes: myVotes(['a', 'c'], 0) }, voter()).nominations[0].entries;
    expect(a.action).toBe('withdraw');
    expect(b.action).toBe('none');
  });

  it('shows no withdraw button where the contest does not allow it', () => {
    const [a] = model({ contest: contest({ allowRetract: false }), myVotes: myVotes(['a'], 1) }, voter())
      .nominations[0].entries;
    expect(a.action).toBe('none');
  });

  it.each([
    ['a visitor', undefined, undefined, 'Sign in to vote.', '/login?returnTo=%2Fcontests%2Fc1%2Fballot'],
    [
      'an unconfirmed email',
      voter({ emailConfirmed: false }),
      undefined,
      'To vote, confirm your email',
      undefined,
    ],
    [
      'no verification yet',
      voter({ voterVerified: false }),
      null,
      'Verified residents vote',
      '/account/verification',
    ],
    ['a pending verification', voter({ voterVerified: false }), 'pending', 'being reviewed', undefined],
    [
      'a refused verification',
      voter({ voterVerified: false }),
      'refused',
      'was refused',
      '/account/verification',
    ],
  ])('explains what to do instead of the buttons for %s', (_, user, status, text, href) => {
    const verification = status === undefined || status === null ? status : ({ status } as never);
    const ballot = model({ verification }, user);
    expect(ballot.blocker?.text).toContain(text);
    expect(ballot.blocker?.link?.href).toBe(href);
    expect(ballot.nominations[0].entries.every((e) => e.action === 'none')).toBe(true);
  });

  it('says when voting has not opened or has closed', () => {
    expect(model({ contest: contest({ phase: 'reviewing' }) }, voter()).blocker?.text).toContain(
      'not started',
    );
    expect(model({ contest: contest({ phase: 'counting' }) }, voter()).blocker?.text).toBe(
      'Voting has ended.',
    );
  });

  it('shows counts only when the service gives them (live counts)', () => {
    expect(model({}, voter()).showCounts).toBe(false);
    expect(model({ entries: [entry('a', 3)] }, voter()).showCounts).toBe(true);
  });
});
