import { AuthUser } from '../../common/auth/auth-user';
import { ContestDto } from '../../contests/dto/contest.dto';
import { EntryDto } from '../../contests/dto/entry.dto';
import { VerificationStatusDto } from '../../verification/dto/verification.dto';
import { MyVotesDto } from '../../voting/dto/vote.dto';
import { CARD_IMAGE, smallThumbnailPath } from '../public/practice-card';
import { Link, WebContext } from '../render/page';

export interface BallotInput {
  contest: ContestDto;
  /** In the voter's own shuffled order (the service's). */
  entries: EntryDto[];
  user?: AuthUser;
  myVotes?: MyVotesDto;
  verification?: VerificationStatusDto | null;
}

export interface BallotEntry {
  id: string;
  number: number | null;
  title: string;
  practiceHref: string;
  municipality: string;
  /** The practice's cover as the catalog's 160 px WebP list thumbnail (WEB.md §4). */
  image?: { src: string; width: number; height: number };
  votes?: number;
  voted: boolean;
  /** The form this entry shows: vote, withdraw, or none (a sentence instead). */
  action: 'vote' | 'withdraw' | 'none';
  actionUrl: string;
  /** The button's accessible name includes the practice's title. */
  buttonText: string;
}

export interface BallotModel {
  contestId: string;
  /** Why the visitor cannot vote and what to do, in place of the buttons. */
  blocker?: { text: string; link?: Link };
  usage?: string;
  showCounts: boolean;
  nominations: { id: string; title: string; entries: BallotEntry[] }[];
}

/** The ballot (WEB.md §3.1): pure, from the services' answers. */
export function ballotModel(context: WebContext, input: BallotInput): BallotModel {
  const { contest, myVotes } = input;
  const blocker = whyNot(context, input);
  const votedEntries = new Set(
    (myVotes?.votes ?? []).filter((vote) => !vote.annulled).map((vote) => vote.entryId),
  );
  const noVotesLeft = myVotes?.votesLeft === 0;
  const entry = (dto: EntryDto): BallotEntry => {
    const voted = votedEntries.has(dto.id);
    const action = blocker
      ? 'none'
      : voted
        ? contest.allowRetract
          ? 'withdraw'
          : 'none'
        : noVotesLeft
          ? 'none'
          : 'vote';
    const src = dto.thumbnailUrl ? smallThumbnailPath(dto.thumbnailUrl) : undefined;
    return {
      id: dto.id,
      number: dto.number,
      title: dto.practice.name,
      practiceHref: `/practices/${dto.practice.id}`,
      municipality: dto.municipality.name,
      ...(src ? { image: { src, ...CARD_IMAGE } } : {}),
      votes: dto.votes,
      voted,
      action,
      actionUrl: `/contests/${contest.id}/entries/${dto.id}/${action === 'withdraw' ? 'withdraw' : 'vote'}`,
      buttonText: context.t(action === 'withdraw' ? 'voting.ballot.withdrawFor' : 'voting.ballot.voteFor', {
        title: dto.practice.name,
      }),
    };
  };
  return {
    contestId: contest.id,
    blocker,
    usage: myVotes && !blocker ? usageText(context, contest, myVotes) : undefined,
    showCounts: input.entries.some((dto) => dto.votes !== undefined),
    nominations: contest.nominations
      .map((nomination) => ({
        id: nomination.id,
        title: nomination.title,
        entries: input.entries.filter((dto) => dto.nominationId === nomination.id).map(entry),
      }))
      .filter((nomination) => nomination.entries.length > 0),
  };
}

function usageText(context: WebContext, contest: ContestDto, myVotes: MyVotesDto): string {
  if (myVotes.votesLeft === null) {
    return context.tn('voting.ballot.usedUnlimited', myVotes.votesUsed);
  }
  return context.tn('voting.ballot.used', myVotes.votesUsed, {
    left: myVotes.votesLeft,
    limit: contest.votesPerVoter ?? 0,
  });
}

function whyNot(context: WebContext, input: BallotInput): BallotModel['blocker'] {
  const { contest, user, verification } = input;
  if (['upcoming', 'accepting_entries', 'reviewing'].includes(contest.phase)) {
    return { text: context.t('voting.ballot.notYet') };
  }
  if (contest.phase !== 'voting') {
    return { text: context.t('voting.ballot.closed') };
  }
  if (!user) {
    return {
      text: context.t('voting.ballot.signIn'),
      link: {
        text: context.t('voting.ballot.signInLink'),
        href: `/login?returnTo=${encodeURIComponent(`/contests/${contest.id}/ballot`)}`,
      },
    };
  }
  if (!user.emailConfirmed) {
    return { text: context.t('voting.ballot.confirmEmail') };
  }
  if (contest.voterPolicy === 'verified' && !user.voterVerified) {
    const status = verification?.status;
    if (status === 'pending') {
      return { text: context.t('voting.ballot.verificationPending') };
    }
    return {
      text: context.t(status === 'refused' ? 'voting.ballot.verificationRefused' : 'voting.ballot.verify'),
      link: { text: context.t('voting.ballot.verifyLink'), href: '/account/verification' },
    };
  }
  return undefined;
}
