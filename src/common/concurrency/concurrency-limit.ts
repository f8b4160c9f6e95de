import { CommonErrors } from '../errors/domain-error';

/**
 * At most `maxActive` tasks run at once; up to `maxWaiting` more wait their turn in arrival order,
 * and any beyond that are refused at once with 503 `service_busy` (Retry-After), so a burst of
 * costly work queues briefly instead of exhausting memory or CPU, and a flood is turned away.
 */
export class ConcurrencyLimit {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly maxActive: number,
    private readonly maxWaiting: number,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.active < this.maxActive) {
      this.active += 1;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.maxWaiting) {
      return Promise.reject(CommonErrors.overloaded());
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) {
      next(); // the slot passes straight to the next waiter
    } else {
      this.active -= 1;
    }
  }
}
