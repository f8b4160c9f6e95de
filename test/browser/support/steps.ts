import { Locator, Page } from 'playwright-core';
import { Pass } from './portal';

/**
 * How a step is done in each pass: A with the mouse, B with the keyboard only (Tab until the control
 * has focus, then type, Space or Enter), which proves every control is reachable without a mouse.
 */
export class Steps {
  constructor(
    private readonly page: Page,
    readonly pass: Pass,
  ) {}

  async fill(target: Locator, value: string): Promise<void> {
    if (this.pass === 'A') {
      await target.click();
      await target.fill(value);
      return;
    }
    await this.tabTo(target);
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.type(value);
  }

  async check(target: Locator): Promise<void> {
    if (this.pass === 'A') {
      await target.check();
      return;
    }
    if ((await target.getAttribute('type')) === 'radio') {
      // Tab enters a radio group at its checked radio; the arrow keys move within it.
      const name = (await target.getAttribute('name')) ?? '';
      const checked = this.page.locator(`input[type=radio][name="${name}"]:checked`);
      if ((await checked.count()) === 0) {
        // With none checked, Tab stops at the group's first radio only: Space checks it, and the
        // arrow keys below move on to a later one.
        await this.tabTo(this.page.locator(`input[type=radio][name="${name}"]`).first());
        await this.page.keyboard.press('Space');
      } else {
        await this.tabTo(checked);
      }
      for (let i = 0; i < 10 && !(await target.isChecked()); i += 1) {
        await this.page.keyboard.press('ArrowDown');
      }
      return;
    }
    await this.tabTo(target);
    await this.page.keyboard.press('Space');
  }

  async select(target: Locator, label: string): Promise<void> {
    if (this.pass === 'A') {
      await target.selectOption({ label });
      return;
    }
    await this.tabTo(target);
    // Keyboard selection of a closed select: its options are walked with the arrow keys.
    const labels = await target.locator('option').allTextContents();
    const wanted = labels.findIndex((text) => text.trim() === label);
    const current = await target.evaluate((select: { selectedIndex: number }) => select.selectedIndex);
    const key = wanted > current ? 'ArrowDown' : 'ArrowUp';
    for (let i = 0; i < Math.abs(wanted - current); i += 1) {
      await this.page.keyboard.press(key);
    }
  }

  /** Presses a button or follows a link, and waits for the page it leads to. */
  async press(target: Locator): Promise<void> {
    if (this.pass === 'A') {
      await Promise.all([this.page.waitForLoadState('load'), target.click()]);
      return;
    }
    await this.tabTo(target);
    await Promise.all([this.page.waitForNavigation(), this.page.keyboard.press('Enter')]);
  }

  private async tabTo(target: Locator): Promise<void> {
    const handle = await target.elementHandle();
    for (let i = 0; i < 80; i += 1) {
      if (
        await handle?.evaluate(
          (element: unknown) =>
            element ===
            (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement,
        )
      ) {
        return;
      }
      await this.page.keyboard.press('Tab');
    }
    throw new Error(`could not reach ${target.toString()} with the Tab key`);
  }
}
