import { Page, WebContext } from '../render/page';
import { PublishedDownload } from './public-data.service';
import { PRIVACY_VERSION } from './privacy';

const home = (context: WebContext) => [{ text: context.t('public.home.title'), href: '/' }];

export function accessibilityPage(context: WebContext): Page {
  return {
    template: 'public/accessibility.njk',
    title: context.t('public.accessibility.title'),
    breadcrumbs: home(context),
  };
}

/** The privacy notice; `?version=` of an older notice still shows the current one, saying so. */
export function privacyPage(context: WebContext, askedVersion: string | undefined): Page {
  return {
    template: 'public/privacy.njk',
    title: context.t('public.privacy.title'),
    breadcrumbs: home(context),
    model: {
      version: PRIVACY_VERSION,
      olderVersionAsked: askedVersion !== undefined && askedVersion !== PRIVACY_VERSION,
    },
  };
}

export function dataPage(context: WebContext, downloads: PublishedDownload[], practiceCount: number): Page {
  return {
    template: 'public/data.njk',
    title: context.t('public.data.title'),
    breadcrumbs: home(context),
    model: {
      practiceCount,
      contests: downloads.map(({ contest, results, resultsCsvSha256 }) => ({
        title: contest.title,
        href: `/contests/${contest.id}`,
        resultsCsv: `/api/v1/contests/${contest.id}/results.csv`,
        ledgerCsv: `/api/v1/contests/${contest.id}/ledger.csv`,
        resultsSha256: resultsCsvSha256,
        ledgerSha256: results.ledgerSha256,
      })),
    },
  };
}
