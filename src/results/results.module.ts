import { Module } from '@nestjs/common';
import { ContestsModule } from '../contests/contests.module';
import { LedgerRelocation } from './ledger-relocation';
import { ResultsAnnouncer } from './results-announcer';
import { ResultsController } from './results.controller';
import { ResultsRepository } from './results.repository';
import { ResultsService } from './results.service';

@Module({
  imports: [ContestsModule],
  controllers: [ResultsController],
  providers: [ResultsRepository, ResultsService, LedgerRelocation, ResultsAnnouncer],
  exports: [ResultsService],
})
export class ResultsModule {}
