import { LocalizedErrors } from '../forms/form-validation';
import { Page, WebContext } from '../render/page';

/**
 * The pages email links open. A GET only shows a button (mail scanners that open links must not use
 * the token up); the button's POST does the work. The single-use token in the form protects the
 * post, so these forms carry no CSRF token (the visitor may have no cookie at all).
 */
export type EmailLinkKind = 'confirm' | 'reset';

export interface EmailLinkModel {
  kind: EmailLinkKind;
  heading: string;
  text: string;
  form?: { action: string; token: string; button: string; passwordLabel?: string };
  passwordError?: string;
}

export function emailLinkFormPage(
  context: WebContext,
  kind: EmailLinkKind,
  token: string,
  errors?: LocalizedErrors,
): Page {
  const path = kind === 'confirm' ? '/confirm-email' : '/reset-password';
  return {
    template: 'account/email-link.njk',
    noStore: true,
    noReferrer: true,
    title: context.t(`emailLinks.${kind}.title`),
    status: errors ? 400 : 200,
    errors: errors?.summary,
    model: {
      text: context.t(`emailLinks.${kind}.text`),
      linkForm: {
        action: `${path}?lang=${context.locale}`,
        token,
        button: context.t(`emailLinks.${kind}.button`),
        passwordLabel: kind === 'reset' ? context.t('emailLinks.reset.label') : undefined,
      },
      passwordError: errors?.byField.password,
    },
  };
}

export function emailLinkDonePage(context: WebContext, kind: EmailLinkKind): Page {
  return {
    template: 'account/email-link.njk',
    noStore: true,
    noReferrer: true,
    title: context.t(`emailLinks.${kind}.doneTitle`),
    model: { text: context.t(`emailLinks.${kind}.doneText`) },
  };
}

export function emailLinkInvalidPage(context: WebContext): Page {
  return {
    template: 'account/email-link.njk',
    noStore: true,
    noReferrer: true,
    title: context.t('emailLinks.invalid.title'),
    status: 410,
    model: { text: context.t('emailLinks.invalid.text') },
  };
}
