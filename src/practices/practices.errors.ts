import { DecisionErrors } from '../common/decisions/decision.errors';
import { CommonErrors, DomainError } from '../common/errors/domain-error';

export const PracticeErrors = {
  notFound: () =>
    new DomainError(404, 'practice_not_found', {
      en: 'Practice not found',
      ru: 'Практика не найдена',
      ky: 'Тажрыйба табылган жок',
    }),
  notOwner: () =>
    new DomainError(403, 'not_practice_owner', {
      en: 'Only the representatives of its municipality may change this practice',
      ru: 'Изменять практику могут только представители её муниципалитета',
      ky: 'Тажрыйбаны анын муниципалитетинин өкүлдөрү гана өзгөртө алат',
    }),
  notARepresentative: () =>
    new DomainError(403, 'not_a_representative', {
      en: 'Ask to represent your municipality first',
      ru: 'Сначала подайте заявку представителя муниципалитета',
      ky: 'Адегенде муниципалитетиңиздин өкүлү болууга арыз бериңиз',
    }),
  municipalityRequired: () =>
    CommonErrors.validation([
      {
        field: 'municipalityId',
        code: 'municipalityRequired',
        message: 'you represent several municipalities: say which one this practice belongs to',
      },
    ]),
  notYourMunicipality: () =>
    CommonErrors.validation([
      { field: 'municipalityId', code: 'notRepresented', message: 'you do not represent this municipality' },
    ]),
  unknownCategory: () =>
    CommonErrors.validation([
      { field: 'categoryId', code: 'unknownCategory', message: 'no category with this id' },
    ]),
  endBeforeStart: () =>
    CommonErrors.validation([
      { field: 'endYear', code: 'endBeforeStart', message: 'endYear must not be before startYear' },
    ]),
  /** A draft started on the website may still lack a text; it cannot be submitted so. */
  incomplete: (fields: string[]) =>
    CommonErrors.validation(
      fields.map((field) => ({
        field,
        code: 'required',
        message: `${field} must be filled in before submitting`,
      })),
    ),
  reasonRequired: DecisionErrors.reasonRequired,
  wrongStatus: (status: string, action: string) =>
    new DomainError(409, 'wrong_status', {
      en: `Not possible while the practice is ${status} (${action})`,
      ru: `Невозможно, пока практика в статусе ${status} (${action})`,
      ky: `Тажрыйба ${status} абалында турганда мүмкүн эмес (${action})`,
    }),
  staleVersion: () =>
    new DomainError(409, 'stale_version', {
      en: 'Someone else changed this practice since you opened it; reload it and apply your changes again',
      ru: 'Практику изменили после того, как вы её открыли; обновите её и внесите изменения снова',
      ky: 'Сиз ачкандан кийин тажрыйба өзгөртүлдү; аны жаңылап, өзгөртүүлөрдү кайра киргизиңиз',
    }),
  ownMunicipality: DecisionErrors.ownMunicipality,
  claimedByOther: () =>
    new DomainError(409, 'claimed_by_other', {
      en: 'Another moderator is reviewing this practice',
      ru: 'Эту практику проверяет другой модератор',
      ky: 'Бул тажрыйбаны башка модератор текшерип жатат',
    }),
};
