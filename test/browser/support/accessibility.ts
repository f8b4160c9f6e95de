import { AxeBuilder } from '@axe-core/playwright';
import { Browser, BrowserContext, Page } from 'playwright-core';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** A path's route: ids become `:id`, so a second practice's page in the same state is not scanned again. */
const ID_SEGMENT = /\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?=\/|$)/gi;

function routeOf(path: string): string {
  return path.replace(ID_SEGMENT, '/:id');
}

/** GOV.UK's template marks `js-enabled` with its one inline script; a JavaScript-off page has none. */
const TEMPLATE_SCRIPT = /<script[^>]*>document\.body\.className[^<]*<\/script>/;

/**
 * Axe (axe-core 4.13) in real Chromium. Axe cannot run in a page with JavaScript off (its timers
 * never fire), so the HTML the JavaScript-off page received is scanned in a scanning page that
 * blocks every script: the same DOM and the same CSS, nothing run.
 */
export class Accessibility {
  private readonly scanned = new Set<string>();
  private readonly counts = { scans: 0, skipped: 0 };
  private scanContext?: BrowserContext;

  async scan(browser: Browser, page: Page, state: string): Promise<void> {
    const url = new URL(page.url());
    const javaScript = ((await page.locator('body').getAttribute('class')) ?? '').includes('js-enabled');
    const language = (await page.locator('html').getAttribute('lang')) ?? '';
    const key = `${routeOf(url.pathname)}|${state}|${language}|${javaScript ? 'js' : 'nojs'}`;
    if (this.scanned.has(key)) {
      this.counts.skipped += 1;
      return;
    }
    this.scanned.add(key);
    this.counts.scans += 1;
    const target = javaScript ? page : await this.withoutScripts(browser, page);
    const results = await new AxeBuilder({ page: target }).withTags(TAGS).analyze();
    const violations = results.violations.map((violation) => ({
      rule: violation.id,
      help: violation.help,
      nodes: violation.nodes.map((node) => node.target.join(' ')),
    }));
    if (violations.length > 0) {
      throw new Error(`axe: ${key} has violations:\n${JSON.stringify(violations, null, 2)}`);
    }
  }

  report(): void {
    process.stdout.write(
      `axe: ${this.counts.scans} scans (pages × states × languages × JS on/off), 0 violations, ` +
        `${this.counts.skipped} repeat steps skipped: ${[...this.scanned].join(', ')}\n`,
    );
  }

  private async withoutScripts(browser: Browser, page: Page): Promise<Page> {
    const html = (await page.content()).replace(TEMPLATE_SCRIPT, '');
    const url = page.url();
    this.scanContext ??= await browser.newContext({ viewport: { width: 360, height: 740 } });
    const scanPage = await this.scanContext.newPage();
    await scanPage.route('**/*', (route) => {
      const request = route.request();
      if (request.resourceType() === 'script') {
        return route.abort();
      }
      if (request.isNavigationRequest()) {
        return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      }
      return route.continue();
    });
    await scanPage.goto(url);
    return scanPage;
  }
}
