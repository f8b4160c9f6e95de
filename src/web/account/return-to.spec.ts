import { safeReturnTo } from './return-to';

describe('safeReturnTo', () => {
  it.each([
    ['/contests/1?lang=ky', '/contests/1?lang=ky'],
    ['/account/verification', '/account/verification'],
  ])('keeps the local path %p', (input, expected) => {
    expect(safeReturnTo(input)).toBe(expected);
  });

  it.each([
    'https://evil.example/',
    '//evil.example/',
    '/\\evil.example',
    'javascript:alert(1)',
    '/api/v1/users/me',
    '/login?returnTo=/x',
    '/x\r\nSet-Cookie: a=b',
    '',
    undefined,
    ['/a'],
  ])('refuses %p and uses the account page', (input) => {
    expect(safeReturnTo(input)).toBe('/account');
  });
});
