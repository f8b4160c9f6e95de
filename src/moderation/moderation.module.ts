import { Module } from '@nestjs/common';
import { PracticesModule } from '../practices/practices.module';
import { UsersModule } from '../users/users.module';
import { ModerationQueueRepository } from './moderation-queue.repository';
import { ModerationController } from './moderation.controller';
import { ModerationService } from './moderation.service';

@Module({
  imports: [PracticesModule, UsersModule],
  controllers: [ModerationController],
  providers: [ModerationQueueRepository, ModerationService],
})
export class ModerationModule {}
