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
  own: () =>
    new DomainError(403, 'own_verification', {
      en: 'You cannot decide on your own verification',
      ru: 'Нельзя принимать решение по собственной верификации',
      ky: 'Өз текшерүүңүз боюнча чечим кабыл ала албайсыз',
    }),
};
