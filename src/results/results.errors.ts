import { DomainError } from '../common/errors/domain-error';

export const ResultsErrors = {
  notPublished: () =>
    new DomainError(409, 'results_not_published', {
      en: 'The results are not published yet',
      ru: 'Итоги ещё не опубликованы',
      ky: 'Жыйынтыктар али жарыялана элек',
    }),
};
