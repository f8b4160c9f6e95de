import { LocalizedErrors } from '../forms/form-validation';
import { Page, WebContext } from '../render/page';

export function forgotPasswordPage(
  context: WebContext,
  email: string,
  errors?: LocalizedErrors,
  status = 200,
): Page {
  return {
    template: 'account/forgot-password.njk',
    title: context.t('account.forgot.title'),
    status,
    form: true,
    errors: errors?.summary,
    model: { email, fieldErrors: errors?.byField ?? {} },
  };
}

export function resetSentPage(context: WebContext): Page {
  return { template: 'account/reset-sent.njk', title: context.t('account.forgot.sent.title') };
}
