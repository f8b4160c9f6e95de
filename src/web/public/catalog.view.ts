import { CategoryDto } from '../../categories/dto/category.dto';
import { FieldError } from '../../common/errors/domain-error';
import { DistrictDto, MunicipalityDto, RegionDto } from '../../geography/dto/geography.dto';
import { CATALOG_SORTS, CatalogQueryDto } from '../../practices/dto/catalog-query.dto';
import { CatalogPageDto } from '../../practices/dto/practice.dto';
import { localizeErrors } from '../forms/form-validation';
import { Page, WebContext } from '../render/page';
import { CATALOG_FIELDS, CatalogForm, catalogHref } from './catalog-filter';
import { practiceCard } from './practice-card';

export interface CatalogChoices {
  regions: RegionDto[];
  /** Only once a region is chosen (the filters refine step by step, WEB.md §3). */
  districts: DistrictDto[];
  /** Only once a district is chosen: never one select of every municipality. */
  municipalities: MunicipalityDto[];
  categories: CategoryDto[];
}

interface Option {
  value: string;
  text: string;
  selected?: boolean;
}

function options(context: WebContext, items: { id: string; name: string }[], selected?: string): Option[] {
  return [
    { value: '', text: context.t('public.catalog.any') },
    ...items.map((item) => ({ value: item.id, text: item.name, selected: item.id === selected })),
  ];
}

/** The catalog: search box, step-by-step filters, sort, result cards and "next page" by cursor. */
export function catalogPage(
  context: WebContext,
  form: CatalogForm,
  query: CatalogQueryDto,
  choices: CatalogChoices,
  results: CatalogPageDto,
  errors: FieldError[],
): Page {
  const localized = localizeErrors(context, 'public.catalog.errors', errors, CatalogQueryDto, [
    ...CATALOG_FIELDS,
  ]);
  const sort = query.sort ?? (query.q ? 'relevance' : 'new');
  const filtersUsed = Boolean(
    query.regionId ||
    query.districtId ||
    query.municipalityId ||
    query.categoryId ||
    query.yearFrom ||
    query.yearTo,
  );
  return {
    template: 'public/catalog.njk',
    title: context.t('public.catalog.title'),
    errors: localized.summary,
    model: {
      form,
      fieldErrors: localized.byField,
      // The span's two inputs share one message (GOV.UK's date input pattern): the first that failed.
      yearSpanError: localized.byField.yearFrom ?? localized.byField.yearTo,
      filtersOpen: filtersUsed || errors.length > 0,
      regionOptions: options(context, choices.regions, query.regionId),
      districtOptions: choices.districts.length
        ? options(context, choices.districts, query.districtId)
        : null,
      municipalityOptions: choices.municipalities.length
        ? options(context, choices.municipalities, query.municipalityId)
        : null,
      categoryOptions: options(context, choices.categories, query.categoryId),
      sortOptions: CATALOG_SORTS.filter((s) => s !== 'relevance' || query.q).map((s) => ({
        value: s,
        text: context.t(`public.catalog.sorts.${s}`),
        selected: s === sort,
      })),
      cards: results.items.map((item) => practiceCard(context, item)),
      nextHref: results.nextCursor ? catalogHref(form, { cursor: results.nextCursor }) : null,
      firstHref: form.cursor ? catalogHref({ ...form, cursor: undefined }) : null,
      resetHref: '/practices',
    },
  };
}
