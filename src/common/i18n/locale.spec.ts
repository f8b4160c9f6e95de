import { localeFromAcceptLanguage } from './locale';

describe('localeFromAcceptLanguage', () => {
  it.each([
    ['ky-KG,ru;q=0.8', 'ky'],
    ['en-US,en;q=0.9', 'en'],
    ['de-DE,ru;q=0.5,en;q=0.7', 'en'],
    ['ru;q=0.1,ky;q=0.9', 'ky'],
    ['fr,de', undefined],
    ['en;q=0', undefined],
    ['', undefined],
  ])('reads %p as %p', (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });
});
