import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { Keyring } from './crypto/keyring';
import { PageRenderer } from './pages/page-renderer';
import { MemoryRateLimitStore, RateLimitStore, RedisRateLimitStore } from './rate-limit/rate-limit.store';
import { RateLimiter } from './rate-limit/rate-limiter.service';

/** Configuration and cross-cutting services every feature may inject. */
@Global()
@Module({})
export class CommonModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CommonModule,
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: Keyring, useValue: new Keyring(config.dataKey) },
        {
          provide: RateLimitStore,
          useFactory: () =>
            config.rateLimits.redisUrl
              ? new RedisRateLimitStore(config.rateLimits.redisUrl)
              : new MemoryRateLimitStore(),
        },
        RateLimiter,
        PageRenderer,
      ],
      exports: [AppConfig, Keyring, RateLimiter, PageRenderer],
    };
  }
}
