import { AuthUser } from '../../common/auth/auth-user';
import { Page, WebContext } from '../render/page';

export function accountPage(context: WebContext, user: AuthUser): Page {
  return {
    template: 'account/account.njk',
    title: context.t('account.overview.title'),
    model: {
      signedInAs: context.t('account.overview.signedInAs', { name: user.fullName, email: user.email }),
    },
  };
}
