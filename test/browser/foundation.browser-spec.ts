import { BrowserPortal } from './support/portal';

describe('website foundation in Chromium', () => {
  let portal: BrowserPortal;

  beforeAll(async () => {
    portal = await BrowserPortal.start();
  });

  afterAll(async () => {
    await portal?.close();
  });

  it('pass A: the home page in Russian with JavaScript, within the weight budgets and axe-clean', async () => {
    const context = await portal.newContext('A');
    const page = await context.newPage();
    await portal.weights.measure(page, 'home (/)', '/');
    expect(await page.title()).toBe('Главная — Портал лучших практик местного самоуправления');
    expect(await page.locator('body').getAttribute('class')).toContain('govuk-frontend-supported');
    await portal.scan(page, 'first view');
    await context.close();
  });

  it('pass B: the home page in Kyrgyz without JavaScript, switched to English, axe-clean', async () => {
    const context = await portal.newContext('B');
    const page = await context.newPage();
    await page.goto('/');
    expect(await page.locator('html').getAttribute('lang')).toBe('ky');
    await portal.scan(page, 'first view');
    await page.getByRole('link', { name: 'English' }).click();
    expect(await page.locator('h1').textContent()).toContain('Home');
    await portal.scan(page, 'first view');
    // The choice is remembered by the cookie on the next page without ?lang=.
    await page.goto('/login');
    expect(await page.locator('h1').textContent()).toContain('Sign in');
    await portal.scan(page, 'empty form');
    await context.close();
  });
});
