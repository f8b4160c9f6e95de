import { MemoryRateLimitStore } from './rate-limit.store';

describe('MemoryRateLimitStore', () => {
  afterEach(() => jest.useRealTimers());

  it('counts within a window and starts again after it', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const store = new MemoryRateLimitStore();
    expect((await store.increment('k', 1000)).count).toBe(1);
    expect((await store.increment('k', 1000)).count).toBe(2);
    expect(await store.peek('k')).toEqual({ count: 2, resetInMs: 1000 });
    jest.setSystemTime(1_001_000);
    expect(await store.peek('k')).toBeUndefined();
    expect((await store.increment('k', 1000)).count).toBe(1);
    await store.close();
  });
});
