import { createServer } from 'node:net';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { TestContext } from '../../support/test-app';
import { Accessibility } from './accessibility';
import { CHROMIUM_ARGS, chromiumPath } from './chromium';
import { PageWeights } from './page-weight';

export type Pass = 'A' | 'B';

/**
 * One portal per browser spec file: the app as `npm start` builds it (createApp, its own embedded
 * PostgreSQL database, mail caught by the test SMTP sink), listening on a loopback port that is also
 * its PUBLIC_URL (the Origin check compares them), and one Chromium.
 */
export class BrowserPortal {
  readonly accessibility = new Accessibility();
  readonly weights = new PageWeights();

  private constructor(
    readonly ctx: TestContext,
    readonly browser: Browser,
    readonly baseUrl: string,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<BrowserPortal> {
    const executablePath = chromiumPath();
    if (!executablePath) {
      throw new Error("no Chromium: install Debian's chromium package or set CHROMIUM_PATH");
    }
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const ctx = await TestContext.start({ PUBLIC_URL: baseUrl, ...env });
    await ctx.app.listen({ port, host: '127.0.0.1' });
    const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
    return new BrowserPortal(ctx, browser, baseUrl);
  }

  /**
   * A browser at phone size (360×740). Pass A: JavaScript on, Russian. Pass B: JavaScript off,
   * Kyrgyz. The visitor's language comes from Accept-Language, as a real browser sends it.
   */
  async newContext(pass: Pass): Promise<BrowserContext> {
    return this.browser.newContext({
      baseURL: this.baseUrl,
      viewport: { width: 360, height: 740 },
      javaScriptEnabled: pass === 'A',
      locale: pass === 'A' ? 'ru-RU' : 'ky-KG',
      extraHTTPHeaders: { 'Accept-Language': pass === 'A' ? 'ru' : 'ky' },
    });
  }

  /** Axe after a step; a (route, state) pair already scanned is skipped. */
  async scan(page: Page, state: string): Promise<void> {
    await this.accessibility.scan(this.browser, page, state);
    // JOURNEY_SHOTS=<dir>: a full-page screenshot of every step, to look at the pages as users do.
    const shots = process.env.JOURNEY_SHOTS;
    if (shots) {
      const name = `${new URL(page.url()).pathname}-${state}`.replace(/[^a-z0-9]+/gi, '_');
      const javaScript = ((await page.locator('body').getAttribute('class')) ?? '').includes('js-enabled');
      await page.screenshot({ path: `${shots}/${javaScript ? 'js' : 'nojs'}${name}.png`, fullPage: true });
    }
  }

  async close(): Promise<void> {
    this.accessibility.report();
    this.weights.report();
    await this.browser.close();
    await this.ctx.close();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
