import { QueueKind, QueuePageDto } from '../../moderation/dto/queue.dto';
import { Page, WebContext } from '../render/page';
import { itemPath, TAB_ORDER, TAB_SLUGS, tabPath } from './queue-tabs';

/** Items per queue page: a moderator works from the top, oldest first. */
export const QUEUE_PAGE_SIZE = 20;

const tabLabel = (context: WebContext, kind: QueueKind) => context.t(`moderation.tabs.${TAB_SLUGS[kind]}`);

/**
 * One tab of the moderation queue: the tabs are plain links with their counts (they work without
 * JavaScript), the items oldest first (those of the moderator's own municipalities marked), and
 * "next page" by cursor.
 */
export function queuePage(
  context: WebContext,
  kind: QueueKind,
  queue: QueuePageDto,
  ownMunicipalities: string[],
  cursor?: string,
): Page {
  const tab = tabLabel(context, kind);
  return {
    template: 'moderation/queue.njk',
    title: context.t('moderation.queue.title', { tab }),
    breadcrumbs: [{ text: context.t('moderation.queue.breadcrumb'), href: '/moderation' }],
    model: {
      tabs: TAB_ORDER.map((each) => ({
        href: tabPath(each),
        label: tabLabel(context, each),
        count: queue.counts[each],
        current: each === kind,
      })),
      tab,
      items: queue.items.map((item) => ({
        href: itemPath(kind, item.id),
        title: item.title,
        municipality: item.municipalityName,
        waitingSince: item.waitingSince,
        inReview: item.status === 'in_review',
        // Shown, so the moderator knows it waits, but marked: another moderator decides it.
        own: ownMunicipalities.includes(item.municipalityId),
      })),
      total: queue.counts[kind],
      nextHref: queue.nextCursor ? `${tabPath(kind)}?cursor=${encodeURIComponent(queue.nextCursor)}` : null,
      firstHref: cursor ? tabPath(kind) : null,
    },
  };
}
