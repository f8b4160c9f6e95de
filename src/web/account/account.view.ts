import { hasRole } from '../../common/auth/auth-user';
import { Role } from '../../common/auth/role';
import { Locale, LOCALES } from '../../common/i18n/locale';
import { UserProfileDto } from '../../users/dto/user-profile.dto';
import { LocalizedErrors } from '../forms/form-validation';
import { Page, WebContext } from '../render/page';

export interface ProfileForm {
  fullName: string;
  locale: Locale;
  contestNews: boolean;
  moderationAlerts: boolean;
}

export const PROFILE_FIELDS = ['fullName', 'locale'];
export const PASSWORD_FIELDS = ['currentPassword', 'newPassword'];

export function profileFormOf(profile: UserProfileDto): ProfileForm {
  return {
    fullName: profile.fullName,
    locale: profile.locale,
    contestNews: profile.notificationPreferences.contestNews,
    moderationAlerts: profile.notificationPreferences.moderationAlerts,
  };
}

/** The account page: details, the language emails follow, notifications, password, sessions. */
export function accountPage(
  context: WebContext,
  profile: UserProfileDto,
  form: ProfileForm,
  errors: { profile?: LocalizedErrors; password?: LocalizedErrors } = {},
  status = 200,
  represents = false,
): Page {
  const isModerator = context.user ? hasRole(context.user, Role.Moderator) : false;
  return {
    template: 'account/account.njk',
    title: context.t('account.overview.title'),
    status,
    form: true,
    errors: [...(errors.profile?.summary ?? []), ...(errors.password?.summary ?? [])],
    model: {
      profile,
      form,
      isModerator,
      represents,
      profileErrors: errors.profile?.byField ?? {},
      passwordErrors: errors.password?.byField ?? {},
      notificationItems: [
        { value: 'contestNews', text: context.t('account.details.contestNews'), checked: form.contestNews },
        ...(isModerator
          ? [
              {
                value: 'moderationAlerts',
                text: context.t('account.details.moderationAlerts'),
                checked: form.moderationAlerts,
              },
            ]
          : []),
      ],
      localeOptions: LOCALES.map((code) => ({
        value: code,
        text: context.t(`account.languages.${code}`),
        checked: form.locale === code,
      })),
    },
  };
}
