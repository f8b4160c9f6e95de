import { Page, WebContext } from '../render/page';

/**
 * The page the unsubscribe link of a notification opens (drawn by account/email-link.njk, like the
 * other pages email links open). Its URL carries the token: never cached, no Referer. The form
 * carries no CSRF token: the signed token is the proof, and mail clients post it in one click.
 */
export type UnsubscribeState = 'ask' | 'done' | 'invalid';

export function unsubscribePage(context: WebContext, state: UnsubscribeState, token?: string): Page {
  return {
    template: 'account/email-link.njk',
    noStore: true,
    noReferrer: true,
    title: context.t(`public.unsubscribe.${state}.title`),
    status: state === 'invalid' ? 410 : 200,
    model: {
      text: context.t(`public.unsubscribe.${state}.text`),
      linkForm:
        state === 'ask' && token
          ? { action: '/unsubscribe', token, button: context.t('public.unsubscribe.ask.button') }
          : undefined,
    },
  };
}
