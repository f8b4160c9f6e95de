import { LocalizedErrors } from '../forms/form-validation';
import { Page, WebContext } from '../render/page';

export interface RegisterForm {
  fullName: string;
  email: string;
  consent: boolean;
}

export const REGISTER_FIELDS = ['fullName', 'email', 'password', 'consent'];

/** Registration: the consent box links the privacy notice in the version the user accepts. */
export function registerPage(
  context: WebContext,
  form: RegisterForm,
  privacyVersion: string,
  errors?: LocalizedErrors,
  status = 200,
): Page {
  return {
    template: 'account/register.njk',
    title: context.t('account.register.title'),
    status,
    form: true,
    errors: errors?.summary,
    model: {
      form,
      fieldErrors: errors?.byField ?? {},
      privacyHref: `/privacy?version=${encodeURIComponent(privacyVersion)}`,
      privacyVersion,
    },
  };
}

export function checkEmailPage(context: WebContext): Page {
  return { template: 'account/check-email.njk', title: context.t('account.register.sent.title') };
}
