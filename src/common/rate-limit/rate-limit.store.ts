import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { CommonErrors } from '../errors/domain-error';

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

/**
 * A limit that cannot be counted is neither passed nor refused: while Redis is away every limited
 * request gets 503 `service_unavailable` (never a 500, never a silent pass). A command waits for at
 * most two reconnection attempts; the client reconnects by itself.
 */
export class RedisRateLimitStore extends RateLimitStore {
  private readonly redis: Redis;
  private readonly logger = new Logger('RateLimitStore');
  private reachable = true;

  constructor(url: string) {
    super();
    this.redis = new Redis(url, {
      maxRetriesPerRequest: 2,
      enableOfflineQueue: true,
      lazyConnect: false,
      connectTimeout: 2_000,
      // Closing while Redis is away otherwise leaves a 2 s timer behind that delays the process's exit.
      disconnectTimeout: 200,
    });
    // One line when Redis goes away and one when it is back, not one per reconnection attempt.
    this.redis.on('error', (error: Error) => {
      if (this.reachable) {
        this.reachable = false;
        this.logger.warn({ error: error.message }, 'Redis unreachable; limited requests get 503');
      }
    });
    this.redis.on('ready', () => {
      if (!this.reachable) {
        this.reachable = true;
        this.logger.log('Redis reachable again');
      }
    });
  }

  async increment(key: string, windowMs: number): Promise<WindowCount> {
    const [count, ttl] = (await this.unavailableOnError(
      this.redis.eval(INCREMENT_SCRIPT, 1, `rl:${key}`, windowMs),
    )) as [number, number];
    return { count, resetInMs: ttl > 0 ? ttl : windowMs };
  }

  async decrement(key: string): Promise<void> {
    await this.unavailableOnError(this.redis.eval(DECREMENT_SCRIPT, 1, `rl:${key}`));
  }

  async peek(key: string): Promise<WindowCount | undefined> {
    const [count, ttl] = await this.unavailableOnError(
      Promise.all([this.redis.get(`rl:${key}`), this.redis.pttl(`rl:${key}`)]),
    );
    return count === null ? undefined : { count: Number(count), resetInMs: Math.max(ttl, 0) };
  }

  private unavailableOnError<T>(command: Promise<T>): Promise<T> {
    return command.catch((error: unknown) => Promise.reject(CommonErrors.serviceUnavailable(error)));
  }

  async close(): Promise<void> {
    // QUIT cannot be sent while Redis is away: drop the connection instead.
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
