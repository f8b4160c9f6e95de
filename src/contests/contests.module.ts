import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PracticesModule } from '../practices/practices.module';
import { RepresentativesModule } from '../representatives/representatives.module';
import { UsersModule } from '../users/users.module';
import { ContestAnnouncer } from './contest-announcer';
import { ContestsController } from './contests.controller';
import { ContestsRepository } from './contests.repository';
import { ContestsService } from './contests.service';
import { EntriesService } from './entries.service';
import { ContestEntry } from './entities/contest-entry.entity';
import { ContestResult } from './entities/contest-result.entity';
import { Contest } from './entities/contest.entity';
import { Nomination } from './entities/nomination.entity';
import { PracticeContestsQuery } from './practice-contests';
import { PracticeEntriesQuery } from './practice-entries';
import { TallyCache } from './tally-cache';

@Module({
  imports: [
    TypeOrmModule.forFeature([Contest, Nomination, ContestEntry, ContestResult]),
    PracticesModule,
    RepresentativesModule,
    UsersModule,
  ],
  controllers: [ContestsController],
  providers: [
    ContestsRepository,
    ContestsService,
    EntriesService,
    TallyCache,
    ContestAnnouncer,
    PracticeContestsQuery,
    PracticeEntriesQuery,
  ],
  exports: [
    ContestsRepository,
    TallyCache,
    ContestsService,
    EntriesService,
    PracticeContestsQuery,
    PracticeEntriesQuery,
  ],
})
export class ContestsModule {}
