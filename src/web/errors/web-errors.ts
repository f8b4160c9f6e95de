import { DomainError } from '../../common/errors/domain-error';

/** Errors only the website raises; their pages are in errors/web-error-pages.ts. */
export const WebErrors = {
  /** A form post from another site, or with a missing or stale CSRF token: nothing was changed. */
  crossOrigin: () =>
    new DomainError(403, 'csrf_refused', {
      en: 'The form could not be accepted',
      ru: 'Форму не удалось принять',
      ky: 'Форманы кабыл алуу мүмкүн болгон жок',
    }),
  /** A page that needs a signed-in user: the error page sends the visitor to sign in and back. */
  signInRequired: () =>
    new DomainError(401, 'sign_in_required', {
      en: 'Sign in to continue',
      ru: 'Войдите, чтобы продолжить',
      ky: 'Улантуу үчүн кириңиз',
    }),
};
