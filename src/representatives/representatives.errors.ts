import { DomainError } from '../common/errors/domain-error';

export const RepresentativeErrors = {
  requestNotFound: () =>
    new DomainError(404, 'representative_request_not_found', {
      en: 'Representative request not found',
      ru: 'Заявка представителя не найдена',
      ky: 'Өкүлдүн арызы табылган жок',
    }),
  alreadyRequested: () =>
    new DomainError(409, 'representative_already_requested', {
      en: 'You already asked to represent this municipality, or already do',
      ru: 'Вы уже подали заявку или уже представляете этот муниципалитет',
      ky: 'Сиз бул муниципалитетке өкүл болууга арыз бергенсиз же өкүлсүз',
    }),
  alreadyDecided: () =>
    new DomainError(409, 'representative_request_decided', {
      en: 'This request was already decided',
      ru: 'По этой заявке уже принято решение',
      ky: 'Бул арыз боюнча чечим кабыл алынган',
    }),
  ownRequest: () =>
    new DomainError(403, 'own_request', {
      en: 'You cannot decide on your own request',
      ru: 'Нельзя принимать решение по собственной заявке',
      ky: 'Өз арызыңыз боюнча чечим кабыл ала албайсыз',
    }),
  notARepresentative: () =>
    new DomainError(404, 'representative_not_found', {
      en: 'This user does not represent this municipality',
      ru: 'Этот пользователь не представляет этот муниципалитет',
      ky: 'Бул колдонуучу бул муниципалитеттин өкүлү эмес',
    }),
};
