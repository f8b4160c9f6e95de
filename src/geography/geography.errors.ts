import { CommonErrors, DomainError } from '../common/errors/domain-error';

export const GeographyErrors = {
  regionNotFound: () =>
    new DomainError(404, 'region_not_found', {
      en: 'Region not found',
      ru: 'Область не найдена',
      ky: 'Облус табылган жок',
    }),
  municipalityNotFound: () =>
    new DomainError(404, 'municipality_not_found', {
      en: 'Municipality not found',
      ru: 'Муниципалитет не найден',
      ky: 'Муниципалитет табылган жок',
    }),
  districtOutsideRegion: () =>
    CommonErrors.validation([
      { field: 'districtId', code: 'districtOutsideRegion', message: 'the district is not in this region' },
    ]),
  nameRequired: () =>
    CommonErrors.validation([
      { field: 'names', code: 'atLeastOneLanguage', message: 'give the name in at least one language' },
    ]),
  codeTaken: () =>
    new DomainError(409, 'municipality_code_taken', {
      en: 'A municipality with this code exists',
      ru: 'Муниципалитет с таким кодом уже существует',
      ky: 'Мындай коду бар муниципалитет бар',
    }),
};
