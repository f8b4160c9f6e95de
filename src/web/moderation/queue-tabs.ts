import { QUEUE_KINDS, QueueKind } from '../../moderation/dto/queue.dto';
import { CommonErrors } from '../../common/errors/domain-error';

/** Each kind of queue item has a tab at `/moderation/<slug>`, in this order (WEB.md §3 Moderator). */
export const TAB_SLUGS: Record<QueueKind, string> = {
  practice: 'practices',
  entry: 'entries',
  representative: 'representatives',
  voter_verification: 'verifications',
};

export const TAB_ORDER: readonly QueueKind[] = ['practice', 'entry', 'representative', 'voter_verification'];

/** The kind a tab's slug names; an unknown slug is a 404 page. */
export function kindOfSlug(slug: string): QueueKind {
  const kind = QUEUE_KINDS.find((candidate) => TAB_SLUGS[candidate] === slug);
  if (!kind) {
    throw CommonErrors.notFound();
  }
  return kind;
}

export const tabPath = (kind: QueueKind): string => `/moderation/${TAB_SLUGS[kind]}`;

export const itemPath = (kind: QueueKind, id: string): string => `${tabPath(kind)}/${id}`;
