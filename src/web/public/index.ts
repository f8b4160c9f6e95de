import { CategoriesModule } from '../../categories/categories.module';
import { ContestsModule } from '../../contests/contests.module';
import { GeographyModule } from '../../geography/geography.module';
import { NotificationsModule } from '../../notifications/notifications.module';
import { PracticesModule } from '../../practices/practices.module';
import { ResultsModule } from '../../results/results.module';
import { ContestPagesController } from './contest-pages.controller';
import { PracticesPagesController } from './practices-pages.controller';
import { PublicController } from './public.controller';
import { PublicData } from './public-data.service';
import { SmallThumbnails } from './small-thumbnails';
import { UnsubscribeController } from './unsubscribe.controller';

/** The public pages (WEB.md §3), registered by WebModule. */
export const PUBLIC_CONTROLLERS = [
  PublicController,
  PracticesPagesController,
  ContestPagesController,
  UnsubscribeController,
];
export const PUBLIC_PROVIDERS = [PublicData, SmallThumbnails];
export const PUBLIC_FEATURE_MODULES = [
  PracticesModule,
  GeographyModule,
  CategoriesModule,
  ContestsModule,
  ResultsModule,
  NotificationsModule,
];
