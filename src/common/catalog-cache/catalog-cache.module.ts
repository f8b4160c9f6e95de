import { Module } from '@nestjs/common';
import { CatalogCache } from './catalog-cache';

/**
 * The catalog's page cache on its own, so that geography (which the practices module depends on)
 * can clear it when a municipality is renamed. One instance for the whole application.
 */
@Module({ providers: [CatalogCache], exports: [CatalogCache] })
export class CatalogCacheModule {}
