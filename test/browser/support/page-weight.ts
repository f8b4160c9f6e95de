import { Page } from 'playwright-core';

export interface Weight {
  html: number;
  css: number;
  js: number;
  images: number;
  fonts: number;
  other: number;
  total: number;
}

/** WEB.md §4: transferred (compressed) bytes of a first view with an empty cache. */
export const BUDGETS = { html: 30 * 1024, css: 20 * 1024, js: 15 * 1024, fonts: 0, total: 150 * 1024 };

const KIND: Record<string, keyof Omit<Weight, 'total'>> = {
  Document: 'html',
  Stylesheet: 'css',
  Script: 'js',
  Image: 'images',
  Font: 'fonts',
};

/**
 * Page weight as the spec measures it: CDP `encodedDataLength` of every response from navigation
 * until the load event and network idle, cache disabled, no scrolling (the viewport is the phone's).
 */
export class PageWeights {
  private readonly measured: { name: string; weight: Weight }[] = [];

  async measure(page: Page, name: string, path: string): Promise<Weight> {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const kinds = new Map<string, keyof Omit<Weight, 'total'>>();
    const weight: Weight = { html: 0, css: 0, js: 0, images: 0, fonts: 0, other: 0, total: 0 };
    cdp.on('Network.responseReceived', (event) => kinds.set(event.requestId, KIND[event.type] ?? 'other'));
    cdp.on('Network.loadingFinished', (event) => {
      const kind = kinds.get(event.requestId) ?? 'other';
      weight[kind] += event.encodedDataLength;
      weight.total += event.encodedDataLength;
    });
    await page.goto(path, { waitUntil: 'load' });
    await page.waitForLoadState('networkidle');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
    await cdp.detach();
    this.measured.push({ name, weight });
    const over = (Object.keys(BUDGETS) as (keyof typeof BUDGETS)[]).filter(
      (key) => weight[key] > BUDGETS[key],
    );
    if (over.length > 0) {
      throw new Error(`${name} is over budget (${over.join(', ')}): ${JSON.stringify(weight)}`);
    }
    return weight;
  }

  report(): void {
    if (this.measured.length === 0) {
      return;
    }
    const kb = (bytes: number) => (bytes / 1024).toFixed(1).padStart(6);
    const lines = this.measured.map(
      ({ name, weight }) =>
        `  ${name.padEnd(24)} ${kb(weight.html)} ${kb(weight.css)} ${kb(weight.js)} ${kb(weight.images)} ${kb(weight.fonts)} ${kb(weight.total)}`,
    );
    process.stdout.write(
      `page weights, KB transferred (budgets: HTML 30, CSS 20, JS 15, fonts 0, total 150)\n` +
        `  ${'page'.padEnd(24)}   html    css     js images  fonts  total\n${lines.join('\n')}\n`,
    );
  }
}
