import { catalogHref, readCatalogQuery } from './catalog-filter';

const REGION = '7f1c9f1e-2a53-4c1b-9d1e-0b7a3c2d4e5f';

describe('the catalog query string', () => {
  it('turns the form strings into the API query: empty fields absent, the years numbers', async () => {
    const { query, form, errors } = await readCatalogQuery({
      q: '  вода ',
      regionId: REGION,
      yearFrom: '2019',
      yearTo: ' 2021 ',
      categoryId: '',
    });
    expect(errors).toEqual([]);
    expect(form).toEqual({ q: 'вода', regionId: REGION, yearFrom: '2019', yearTo: '2021' });
    expect(query).toMatchObject({ q: 'вода', regionId: REGION, yearFrom: 2019, yearTo: 2021, limit: 10 });
    expect(query.categoryId).toBeUndefined();
    expect(query.year).toBeUndefined();
  });

  it('reads a link from before the span (?year=) as the span of that one year', async () => {
    const { query, form, errors } = await readCatalogQuery({ year: '2021' });
    expect(errors).toEqual([]);
    expect(form).toEqual({ yearFrom: '2021', yearTo: '2021' });
    expect(query).toMatchObject({ yearFrom: 2021, yearTo: 2021 });
    // Beside a span the old parameter is ignored, never an error.
    const both = await readCatalogQuery({ year: '2021', yearFrom: '2015' });
    expect(both.errors).toEqual([]);
    expect(both.query).toMatchObject({ yearFrom: 2015 });
    expect(both.query.yearTo).toBeUndefined();
  });

  it('reports a bad field by the API DTO rule and drops only that field from the search', async () => {
    const { query, errors } = await readCatalogQuery({ q: 'x', yearFrom: '1800', regionId: REGION });
    expect(errors.map((e) => [e.field, e.code]).sort()).toEqual([
      ['q', 'minLength'],
      ['yearFrom', 'min'],
    ]);
    expect(query.q).toBeUndefined();
    expect(query.yearFrom).toBeUndefined();
    expect(query.regionId).toBe(REGION);
  });

  it('reports a span that ends before it starts on its last year, and searches from the first', async () => {
    const { query, errors } = await readCatalogQuery({ yearFrom: '2022', yearTo: '2020' });
    expect(errors.map((e) => [e.field, e.code])).toEqual([['yearTo', 'yearSpanOrder']]);
    expect(query).toMatchObject({ yearFrom: 2022 });
    expect(query.yearTo).toBeUndefined();
  });

  it('ignores an unknown sort and unknown parameters without an error', async () => {
    const { query, errors } = await readCatalogQuery({ sort: 'cheapest', admin: 'true', q: ['a', 'b'] });
    expect(errors).toEqual([]);
    expect(query.sort).toBeUndefined();
    expect(query).not.toHaveProperty('admin');
  });

  it('builds the next-page address from the form, leaving out empty fields', () => {
    expect(catalogHref({ q: 'вода', regionId: undefined }, { cursor: 'abc' })).toBe(
      '/practices?q=%D0%B2%D0%BE%D0%B4%D0%B0&cursor=abc',
    );
    expect(catalogHref({})).toBe('/practices');
  });
});
