import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GeographyModule } from '../geography/geography.module';
import { UsersModule } from '../users/users.module';
import { RepresentativeMembership } from './entities/representative-membership.entity';
import { RepresentativesController } from './representatives.controller';
import { RepresentativesRepository } from './representatives.repository';
import { RepresentativesService } from './representatives.service';
import { StaffDecisions } from './staff-decisions';

@Module({
  imports: [TypeOrmModule.forFeature([RepresentativeMembership]), GeographyModule, UsersModule],
  controllers: [RepresentativesController],
  providers: [RepresentativesRepository, RepresentativesService, StaffDecisions],
  exports: [RepresentativesRepository, RepresentativesService, StaffDecisions],
})
export class RepresentativesModule {}
