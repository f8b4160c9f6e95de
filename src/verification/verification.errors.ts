import { DomainError } from '../common/errors/domain-error';

export const VerificationErrors = {
  alreadyRequested: () =>
    new DomainError(409, 'verification_exists', {
      en: 'You are already verified or your request is waiting',
      ru: 'Вы уже верифицированы или ваша заявка ожидает решения',
      ky: 'Сиз текшерүүдөн өткөнсүз же арызыңыз каралууда',
    }),
  notFound: () =>
    new DomainError(404, 'verification_not_found', {
      en: 'Verification request not found',
      ru: 'Заявка на верификацию не найдена',
      ky: 'Текшерүү арызы табылган жок',
    }),
  decided: () =>
    new DomainError(409, 'verification_decided', {
      en: 'This request was already decided',
      ru: 'По этой заявке уже принято решение',
      ky: 'Бул арыз боюнча чечим кабыл алынган',
    }),
  pinClash: () =>
    new DomainError(409, 'pin_already_used', {
      en: 'Another account with this PIN is verified or waiting: one person cannot verify two accounts',
      ru: 'Другая учётная запись с этим ПИН уже верифицирована или ждёт решения: один человек не может верифицировать две',
      ky: 'Бул ПИН менен башка каттоо эсеби текшерилген же күтүүдө: бир адам эки эсепти текшертпейт',
    }),
  own: () =>
    new DomainError(403, 'own_verification', {
      en: 'You cannot decide on your own verification',
      ru: 'Нельзя принимать решение по собственной верификации',
      ky: 'Өз текшерүүңүз боюнча чечим кабыл ала албайсыз',
    }),
};
