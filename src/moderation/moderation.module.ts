import { Module } from '@nestjs/common';
import { ContestsModule } from '../contests/contests.module';
import { GeographyModule } from '../geography/geography.module';
import { PracticesModule } from '../practices/practices.module';
import { RepresentativesModule } from '../representatives/representatives.module';
import { UsersModule } from '../users/users.module';
import { VerificationModule } from '../verification/verification.module';
import { ModerationItemsRepository } from './moderation-items.repository';
import { ModerationItemsService } from './moderation-items.service';
import { ModerationQueueRepository } from './moderation-queue.repository';
import { ModerationController } from './moderation.controller';
import { ModerationService } from './moderation.service';

@Module({
  imports: [
    PracticesModule,
    UsersModule,
    RepresentativesModule,
    VerificationModule,
    ContestsModule,
    GeographyModule,
  ],
  controllers: [ModerationController],
  providers: [
    ModerationQueueRepository,
    ModerationService,
    ModerationItemsRepository,
    ModerationItemsService,
  ],
  exports: [ModerationService, ModerationItemsService],
})
export class ModerationModule {}
