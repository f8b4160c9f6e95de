import { Module } from '@nestjs/common';
import { ContestsModule } from '../contests/contests.module';
import { SignalsRetention } from './signals-retention';
import { SignalsService } from './signals.service';
import { VotesRepository } from './votes.repository';
import { VotingController } from './voting.controller';
import { VotingService } from './voting.service';

@Module({
  imports: [ContestsModule],
  controllers: [VotingController],
  providers: [VotesRepository, VotingService, SignalsService, SignalsRetention],
  exports: [VotingService, SignalsService],
})
export class VotingModule {}
