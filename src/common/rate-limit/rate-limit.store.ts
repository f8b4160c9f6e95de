import Redis from 'ioredis';

export interface WindowCount {
  count: number;
  resetInMs: number;
}

/** Fixed-window counters. In memory for one instance; Redis when several instances share limits. */
export abstract class RateLimitStore {
  abstract increment(key: string, windowMs: number): Promise<WindowCount>;
  /** Gives back one counted attempt of a live window (never below zero, never starts a window). */
  abstract decrement(key: string): Promise<void>;
  abstract peek(key: string): Promise<WindowCount | undefined>;
  abstract close(): Promise<void>;
}

export class MemoryRateLimitStore extends RateLimitStore {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();
  private readonly sweeper = setInterval(() => this.sweep(), 60_000).unref();

  increment(key: string, windowMs: number): Promise<WindowCount> {
    const now = Date.now();
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, window);
    }
    window.count += 1;
    return Promise.resolve({ count: window.count, resetInMs: window.resetAt - now });
  }

  decrement(key: string): Promise<void> {
    const window = this.windows.get(key);
    if (window && window.resetAt > Date.now() && window.count > 0) {
      window.count -= 1;
    }
    return Promise.resolve();
  }

  peek(key: string): Promise<WindowCount | undefined> {
    const window = this.windows.get(key);
    const now = Date.now();
    return Promise.resolve(
      window && window.resetAt > now ? { count: window.count, resetInMs: window.resetAt - now } : undefined,
    );
  }

  close(): Promise<void> {
    clearInterval(this.sweeper);
    return Promise.resolve();
  }

  private sweep(): void {
    const now = Date.now();
    for (const [key, window] of this.windows) {
      if (window.resetAt <= now) {
        this.windows.delete(key);
      }
    }
  }
}

/** Atomic increment that starts the window's expiry on the first hit. */
const INCREMENT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('PTTL', KEYS[1])}
`;

/** DECR only a live key above zero: a refund after the window expired must not start a new one. */
const DECREMENT_SCRIPT = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count > 0 then redis.call('DECR', KEYS[1]) end
return 0
`;

export class RedisRateLimitStore extends RateLimitStore {
  private readonly redis: Redis;

  constructor(url: string) {
    super();
    this.redis = new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false });
  }

  async increment(key: string, windowMs: number): Promise<WindowCount> {
    const [count, ttl] = (await this.redis.eval(INCREMENT_SCRIPT, 1, `rl:${key}`, windowMs)) as [
      number,
      number,
    ];
    return { count, resetInMs: ttl > 0 ? ttl : windowMs };
  }

  async decrement(key: string): Promise<void> {
    await this.redis.eval(DECREMENT_SCRIPT, 1, `rl:${key}`);
  }

  async peek(key: string): Promise<WindowCount | undefined> {
    const [count, ttl] = await Promise.all([this.redis.get(`rl:${key}`), this.redis.pttl(`rl:${key}`)]);
    return count === null ? undefined : { count: Number(count), resetInMs: Math.max(ttl, 0) };
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}
