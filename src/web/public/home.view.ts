import { Page, WebContext } from '../render/page';

/** The home page; Phase 4a's public pages fill it with contests, practices and statistics. */
export function homePage(context: WebContext): Page {
  return { template: 'public/home.njk', title: context.t('public.home.title') };
}
