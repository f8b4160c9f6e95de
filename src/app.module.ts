import { DynamicModule, Module, Type } from '@nestjs/common';
import { APP_GUARD, RouterModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CategoriesModule } from './categories/categories.module';
import { AccessGuard } from './common/auth/access.guard';
import { CommonModule } from './common/common.module';
import { AppConfig } from './config/app-config';
import { dataSourceOptions } from './database/data-source-options';
import { GeographyModule } from './geography/geography.module';
import { HealthModule } from './health/health.module';
import { ModerationModule } from './moderation/moderation.module';
import { ContestsModule } from './contests/contests.module';
import { ResultsModule } from './results/results.module';
import { VerificationModule } from './verification/verification.module';
import { VotingModule } from './voting/voting.module';
import { NotificationsModule } from './notifications/notifications.module';
import { PracticesModule } from './practices/practices.module';
import { RepresentativesModule } from './representatives/representatives.module';
import { StorageModule } from './storage/storage.module';
import { UsersModule } from './users/users.module';
import { WebModule } from './web/web.module';

export interface AppModuleOptions {
  databaseUrl: string;
  /** For tooling that only inspects routes (OpenAPI generation): no database connection is opened. */
  connectDatabase?: boolean;
}

/**
 * The JSON API's modules, mounted under /api/v1 by RouterModule. The root is the website's
 * (src/web), the pages email links open, and the health probes. (A global prefix with exclusions
 * would also strip the prefix from API routes sharing a path with a page.)
 */
const API_MODULES: Type[] = [
  AuditModule,
  NotificationsModule,
  UsersModule,
  AuthModule,
  GeographyModule,
  CategoriesModule,
  RepresentativesModule,
  PracticesModule,
  ModerationModule,
  VerificationModule,
  ContestsModule,
  VotingModule,
  ResultsModule,
];

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CommonModule.forRoot(config),
        TypeOrmModule.forRoot({
          ...dataSourceOptions(options.databaseUrl, config.database),
          manualInitialization: options.connectDatabase === false,
        }),
        // In this order the OpenAPI document lists the paths as it always has.
        AuditModule,
        NotificationsModule,
        StorageModule,
        UsersModule,
        AuthModule,
        HealthModule,
        GeographyModule,
        CategoriesModule,
        RepresentativesModule,
        PracticesModule,
        ModerationModule,
        VerificationModule,
        ContestsModule,
        VotingModule,
        ResultsModule,
        RouterModule.register(API_MODULES.map((module) => ({ path: 'api/v1', module }))),
        WebModule,
      ],
      providers: [{ provide: APP_GUARD, useClass: AccessGuard }],
    };
  }
}
