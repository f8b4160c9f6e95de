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

  it('gives back a counted attempt, but never below zero and never into an expired window', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const store = new MemoryRateLimitStore();
    await store.increment('k', 1000);
    await store.increment('k', 1000);
    await store.decrement('k');
    expect((await store.peek('k'))?.count).toBe(1);
    await store.decrement('k');
    await store.decrement('k');
    expect((await store.peek('k'))?.count).toBe(0);
    await store.decrement('never-counted');
    expect(await store.peek('never-counted')).toBeUndefined();
    await store.close();
  });
});
