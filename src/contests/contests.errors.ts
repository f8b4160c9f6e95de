import { CommonErrors, DomainError } from '../common/errors/domain-error';

export const ContestErrors = {
  notFound: () =>
    new DomainError(404, 'contest_not_found', {
      en: 'Contest not found',
      ru: 'Конкурс не найден',
      ky: 'Сынак табылган жок',
    }),
  entryNotFound: () =>
    new DomainError(404, 'entry_not_found', {
      en: 'Entry not found in this contest',
      ru: 'Заявка не найдена в этом конкурсе',
      ky: 'Бул сынакта мындай катышуу табылган жок',
    }),
  wrongPhase: (phase: string) =>
    new DomainError(409, 'wrong_phase', {
      en: `Not possible in this phase of the contest (${phase})`,
      ru: `Невозможно на этом этапе конкурса (${phase})`,
      ky: `Сынактын бул этабында мүмкүн эмес (${phase})`,
    }),
  published: () =>
    new DomainError(409, 'results_published', {
      en: 'The results are published: the contest can no longer change',
      ru: 'Итоги опубликованы: конкурс больше нельзя изменить',
      ky: 'Жыйынтыктар жарыяланды: сынакты мындан ары өзгөртүүгө болбойт',
    }),
  closedWindow: (field: string) =>
    new DomainError(409, 'closed_window', {
      en: `${field} is in the past and votes exist: a closed window cannot be reopened or moved`,
      ru: `${field} уже прошла, а голоса есть: закрытое окно нельзя открыть снова или сдвинуть`,
      ky: `${field} өтүп кетти жана добуштар бар: жабылган мөөнөттү кайра ачууга же жылдырууга болбойт`,
    }),
  settingsLocked: () =>
    new DomainError(409, 'settings_locked', {
      en: 'Voting has opened: votes per voter and voter policy can no longer change',
      ru: 'Голосование началось: число голосов и правила для избирателей больше нельзя менять',
      ky: 'Добуш берүү башталды: добуштардын саны жана шайлоочулардын эрежеси мындан ары өзгөрбөйт',
    }),
  windowsOutOfOrder: () =>
    CommonErrors.validation([
      {
        field: 'votingClosesAt',
        code: 'windowsOutOfOrder',
        message: 'dates must satisfy entriesOpenAt < entriesCloseAt <= votingOpensAt < votingClosesAt',
      },
    ]),
  textRequired: (field: string) =>
    CommonErrors.validation([
      { field, code: 'atLeastOneLanguage', message: `give ${field} in at least one language` },
    ]),
  alreadyEntered: () =>
    new DomainError(409, 'already_entered', {
      en: 'This practice is already entered in this contest',
      ru: 'Эта практика уже заявлена в этом конкурсе',
      ky: 'Бул тажрыйба бул сынакка мурунтан катышат',
    }),
  practiceNotPublished: () =>
    new DomainError(409, 'practice_not_published', {
      en: 'Only a published practice can enter a contest',
      ru: 'В конкурсе может участвовать только опубликованная практика',
      ky: 'Сынакка жарыяланган тажрыйба гана катыша алат',
    }),
  unknownNomination: () =>
    CommonErrors.validation([
      { field: 'nominationId', code: 'unknownNomination', message: 'no such nomination in this contest' },
    ]),
  entryDecided: () =>
    new DomainError(409, 'entry_decided', {
      en: 'This entry was already decided',
      ru: 'По этой заявке уже принято решение',
      ky: 'Бул катышуу боюнча чечим кабыл алынган',
    }),
};
