import { OutboxEmailDto } from '../../notifications/dto/outbox-email.dto';
import { OutboxStatus } from '../../notifications/entities/outbox-email.entity';
import { formatDateTime } from '../render/formats';
import { Page, WebContext } from '../render/page';
import { adminCrumbs, summaryRows } from './admin-home.view';

/** The outbox's tabs, failed messages first: they are the ones that need an admin. */
export const OUTBOX_STATUSES: readonly OutboxStatus[] = ['dead', 'pending', 'sent'];

/** Messages per tab: the newest ones; older failures follow once these are retried. */
export const OUTBOX_PAGE_SIZE = 50;

/**
 * The recipient as a page may show it: the first character of the mailbox and the domain
 * (`a***@example.kg`), enough to tell a provider's outage from one bad address without putting
 * every address on screen.
 */
export function maskRecipient(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) {
    return '***';
  }
  return `${address.slice(0, 1)}***${address.slice(at)}`;
}

/**
 * The failure's code, never the SMTP server's text (it quotes the recipient): a network error code
 * (`ECONNREFUSED`) or the SMTP reply code with its enhanced status (`550 5.1.1`); `other` when the
 * text holds neither, null when nothing failed.
 */
export function errorCodeOf(lastError: string | null): string | null {
  if (!lastError) {
    return null;
  }
  const network = /\b(E[A-Z]{3,})\b/.exec(lastError);
  if (network) {
    return network[1];
  }
  const smtp = /(?:^|[^\d.:])([245]\d\d)(?:[ -]([245]\.\d{1,3}\.\d{1,3}))?(?![\d.])/.exec(lastError);
  if (smtp) {
    return smtp[2] ? `${smtp[1]} ${smtp[2]}` : smtp[1];
  }
  return 'other';
}

function errorText(context: WebContext, code: string): string {
  return code === 'other' ? context.t('admin.outbox.otherError') : code;
}

/** The outbox: a tab per status with counts, each message as a card, retry one or every failed one. */
export function outboxPage(
  context: WebContext,
  status: OutboxStatus,
  emails: OutboxEmailDto[],
  unsent: { dead: number; pending: number },
  refusal?: string,
): Page {
  return {
    template: 'admin/outbox.njk',
    title: context.t('admin.outbox.title'),
    status: refusal ? 409 : 200,
    form: true,
    breadcrumbs: adminCrumbs(context),
    errors: refusal ? [{ text: refusal, href: '#messages' }] : undefined,
    model: {
      status,
      canRetryAll: status === 'dead' && unsent.dead > 0,
      tabs: OUTBOX_STATUSES.map((tab) => ({
        href: `/admin/outbox?status=${tab}`,
        text:
          tab === 'sent'
            ? context.t('admin.outbox.status.sent')
            : context.t(`admin.outbox.tab.${tab}`, { count: unsent[tab] }),
        current: tab === status,
      })),
      heading: context.t(`admin.outbox.heading.${status}`),
      emails: emails.map((email) => {
        const recipient = maskRecipient(email.toAddress);
        const code = errorCodeOf(email.lastError);
        return {
          id: email.id,
          recipient,
          retryLabel: context.t('admin.outbox.retryFor', { recipient }),
          canRetry: email.status === 'dead',
          rows: summaryRows([
            [context.t('admin.outbox.template'), email.template],
            [context.t('admin.outbox.statusLabel'), context.t(`admin.outbox.status.${email.status}`)],
            [context.t('admin.outbox.attempts'), String(email.attempts)],
            ...(code
              ? [[context.t('admin.outbox.error'), errorText(context, code)] as [string, string]]
              : []),
            [context.t('admin.outbox.created'), formatDateTime(email.createdAt, context.locale)],
            ...(email.sentAt
              ? [
                  [context.t('admin.outbox.sent'), formatDateTime(email.sentAt, context.locale)] as [
                    string,
                    string,
                  ],
                ]
              : []),
          ]),
        };
      }),
    },
  };
}
