import { DomainError } from '../common/errors/domain-error';

export const AuthErrors = {
  invalidCredentials: () =>
    new DomainError(401, 'invalid_credentials', {
      en: 'The email or password is not correct',
      ru: 'Неверный адрес электронной почты или пароль',
      ky: 'Электрондук почта же сырсөз туура эмес',
    }),
  accountBlocked: () =>
    new DomainError(401, 'account_blocked', {
      en: 'This account is blocked',
      ru: 'Эта учётная запись заблокирована',
      ky: 'Бул каттоо эсеби бөгөттөлгөн',
    }),
  invalidToken: () =>
    new DomainError(401, 'invalid_token', {
      en: 'This link or token is invalid, expired or already used',
      ru: 'Эта ссылка или токен недействительны, истекли или уже использованы',
      ky: 'Бул шилтеме же токен жараксыз, мөөнөтү өткөн же колдонулган',
    }),
  alreadyConfirmed: () =>
    new DomainError(409, 'email_already_confirmed', {
      en: 'Your email address is already confirmed',
      ru: 'Ваш адрес электронной почты уже подтверждён',
      ky: 'Электрондук почтаңыз мурунтан эле ырасталган',
    }),
  currentPasswordWrong: () =>
    new DomainError(403, 'current_password_wrong', {
      en: 'The current password is not correct',
      ru: 'Текущий пароль указан неверно',
      ky: 'Учурдагы сырсөз туура эмес',
    }),
};
