import { AuditEntry } from '../audit/entities/audit-entry.entity';
import { Category } from '../categories/entities/category.entity';
import { ContestEntry } from '../contests/entities/contest-entry.entity';
import { ContestResult } from '../contests/entities/contest-result.entity';
import { Contest } from '../contests/entities/contest.entity';
import { Nomination } from '../contests/entities/nomination.entity';
import { District } from '../geography/entities/district.entity';
import { Municipality } from '../geography/entities/municipality.entity';
import { Region } from '../geography/entities/region.entity';
import { PracticeAttachment } from '../practices/entities/practice-attachment.entity';
import { PracticeRevision } from '../practices/entities/practice-revision.entity';
import { PracticeTransition } from '../practices/entities/practice-transition.entity';
import { PracticeView } from '../practices/entities/practice-view.entity';
import { Practice } from '../practices/entities/practice.entity';
import { RepresentativeMembership } from '../representatives/entities/representative-membership.entity';
import { EmailToken } from '../auth/entities/email-token.entity';
import { RefreshToken } from '../auth/entities/refresh-token.entity';
import { OutboxEmail } from '../notifications/entities/outbox-email.entity';
import { User } from '../users/entities/user.entity';
import { VoterVerification } from '../verification/entities/voter-verification.entity';
import { Vote } from '../voting/entities/vote.entity';
import { VoterBallot } from '../voting/entities/voter-ballot.entity';
import { WebSession } from '../web/session/web-session.entity';

/** Every entity, listed once so the app, the migration CLI and the tests see the same schema. */
export const ENTITIES = [
  User,
  RefreshToken,
  EmailToken,
  OutboxEmail,
  AuditEntry,
  Region,
  District,
  Municipality,
  Category,
  RepresentativeMembership,
  Practice,
  PracticeRevision,
  PracticeTransition,
  PracticeAttachment,
  PracticeView,
  Contest,
  Nomination,
  ContestEntry,
  ContestResult,
  VoterVerification,
  Vote,
  VoterBallot,
  WebSession,
];
