import { LocalizedErrors } from '../forms/form-validation';
import { Page, WebContext } from '../render/page';

export interface SignInForm {
  email: string;
  returnTo: string;
}

export function signInPage(
  context: WebContext,
  form: SignInForm,
  errors?: LocalizedErrors,
  status = 200,
): Page {
  return {
    template: 'account/login.njk',
    title: context.t('account.signIn.title'),
    status,
    form: true,
    errors: errors?.summary,
    model: { form, fieldErrors: errors?.byField ?? {} },
  };
}
