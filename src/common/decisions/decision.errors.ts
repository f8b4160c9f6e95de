import { CommonErrors, DomainError } from '../errors/domain-error';

/** Errors of every staff decision (practices, memberships, verifications, entries). */
export const DecisionErrors = {
  reasonRequired: () =>
    CommonErrors.validation([
      { field: 'reason', code: 'reasonRequired', message: 'a reason is required for this decision' },
    ]),
  ownMunicipality: () =>
    new DomainError(403, 'own_municipality', {
      en: 'You represent this municipality, so another moderator must decide',
      ru: 'Вы представляете этот муниципалитет, поэтому решение должен принять другой модератор',
      ky: 'Сиз бул муниципалитеттин өкүлүсүз, ошондуктан башка модератор чечиши керек',
    }),
};
