import { FieldError } from '../../common/errors/domain-error';
import { CATALOG_SORTS, CatalogQueryDto } from '../../practices/dto/catalog-query.dto';
import { validateAgainst } from '../forms/form-validation';

/** The catalog form's fields, in the order the error summary lists them. */
export const CATALOG_FIELDS = [
  'q',
  'regionId',
  'districtId',
  'municipalityId',
  'categoryId',
  'yearFrom',
  'yearTo',
  'sort',
] as const;

/** What the visitor typed, as strings, to show again in the form. */
export type CatalogForm = Partial<Record<(typeof CATALOG_FIELDS)[number] | 'cursor', string>>;

/** Results per catalog page: small enough for a phone on a slow line. */
export const CATALOG_PAGE_SIZE = 10;

/**
 * The catalog's query string (a GET form: strings) as the API's CatalogQueryDto, validated by that
 * same DTO. Empty fields are absent; a field that fails is dropped from the search (and reported), so
 * the visitor still sees results for the rest.
 */
export async function readCatalogQuery(
  raw: Record<string, unknown>,
): Promise<{ form: CatalogForm; query: CatalogQueryDto; errors: FieldError[] }> {
  const form: CatalogForm = {};
  for (const field of [...CATALOG_FIELDS, 'cursor'] as const) {
    const value = raw[field];
    if (typeof value === 'string' && value.trim() !== '') {
      form[field] = value.trim();
    }
  }
  // A link from before the span (`?year=2023`) is the span of that one year.
  const year = typeof raw.year === 'string' ? raw.year.trim() : '';
  if (year && form.yearFrom === undefined && form.yearTo === undefined) {
    form.yearFrom = year;
    form.yearTo = year;
  }
  const values: Record<string, unknown> = { ...form, limit: CATALOG_PAGE_SIZE };
  for (const field of ['yearFrom', 'yearTo'] as const) {
    const typed = form[field];
    if (typed !== undefined) {
      values[field] = /^\d{1,4}$/.test(typed) ? Number(typed) : typed;
    }
  }
  if (form.sort !== undefined && !(CATALOG_SORTS as readonly string[]).includes(form.sort)) {
    delete values.sort; // an unknown sort from an old link is not worth an error message
  }
  const first = await validateAgainst(CatalogQueryDto, values);
  if (first.errors.length === 0) {
    return { form, query: first.value, errors: [] };
  }
  for (const error of first.errors) {
    delete values[error.field];
  }
  const { value } = await validateAgainst(CatalogQueryDto, values);
  return { form, query: value, errors: first.errors };
}

/** The catalog URL with the given fields (empty ones left out), e.g. for "next page". */
export function catalogHref(form: CatalogForm, changes: CatalogForm = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...form, ...changes })) {
    if (value) {
      params.set(key, value);
    }
  }
  const query = params.toString();
  return query ? `/practices?${query}` : '/practices';
}
