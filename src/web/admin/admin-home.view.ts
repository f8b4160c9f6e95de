import { Link, Page, WebContext } from '../render/page';

/** Breadcrumbs of every administration page below the landing page. */
export function adminCrumbs(context: WebContext): Link[] {
  return [
    { text: context.t('admin.crumbs.home'), href: '/' },
    { text: context.t('admin.home.title'), href: '/admin' },
  ];
}

/** Key and value pairs in the shape of GOV.UK's summary list (plain text: escaped by the macro). */
export function summaryRows(pairs: [string, string][]): { key: { text: string }; value: { text: string } }[] {
  return pairs.map(([key, value]) => ({ key: { text: key }, value: { text: value } }));
}

/** The administration landing page: a link to each section, with the count of failed emails. */
export function adminHomePage(context: WebContext, unsent: { dead: number; pending: number }): Page {
  return {
    template: 'admin/home.njk',
    title: context.t('admin.home.title'),
    breadcrumbs: [{ text: context.t('admin.crumbs.home'), href: '/' }],
    model: {
      sections: [
        {
          href: '/admin/contests',
          title: context.t('admin.home.contests'),
          body: context.t('admin.home.contestsBody'),
        },
        {
          href: '/admin/users',
          title: context.t('admin.users.title'),
          body: context.t('admin.home.usersBody'),
        },
        {
          href: '/admin/outbox',
          title: context.t('admin.outbox.title'),
          body: context.t('admin.home.outboxBody'),
          tag:
            unsent.dead > 0
              ? { text: context.tn('admin.home.failed', unsent.dead), classes: 'govuk-tag--red' }
              : { text: context.t('admin.home.noFailed'), classes: 'govuk-tag--green' },
        },
        {
          href: '/admin/audit',
          title: context.t('admin.audit.title'),
          body: context.t('admin.home.auditBody'),
        },
        {
          href: '/moderation',
          title: context.t('admin.home.moderation'),
          body: context.t('admin.home.moderationBody'),
        },
      ],
    },
  };
}
