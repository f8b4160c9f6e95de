import { DomainError } from '../common/errors/domain-error';

export const ResultsErrors = {
  notPublished: () =>
    new DomainError(409, 'results_not_published', {
      en: 'The results are not published yet',
      ru: 'Итоги ещё не опубликованы',
      ky: 'Жыйынтыктар али жарыялана элек',
    }),
  rangeNotSatisfiable: (size: number) =>
    new DomainError(416, 'range_not_satisfiable', {
      en: `The requested range starts past the end of the file (${size} bytes)`,
      ru: `Запрошенный диапазон начинается за концом файла (${size} байт)`,
      ky: `Суралган диапазон файлдын аягынан кийин башталат (${size} байт)`,
    }),
};
