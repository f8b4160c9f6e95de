import { ApiProperty } from '@nestjs/swagger';

export class RankedEntryDto {
  @ApiProperty()
  rank!: number;

  @ApiProperty()
  entryNumber!: number;

  @ApiProperty({ format: 'uuid' })
  entryId!: string;

  @ApiProperty({ format: 'uuid' })
  practiceId!: string;

  @ApiProperty()
  practiceTitle!: string;

  @ApiProperty({ description: 'Its name in Russian (the language of the published record)' })
  municipality!: string;

  @ApiProperty({
    format: 'uuid',
    required: false,
    description: 'Absent from results published before December 2026',
  })
  municipalityId?: string;

  @ApiProperty()
  votes!: number;

  @ApiProperty({ type: String, nullable: true, description: 'When it reached its final count (tie-break)' })
  reachedFinalCountAt!: string | null;

  @ApiProperty()
  winner!: boolean;
}

export class NominationResultDto {
  @ApiProperty({ format: 'uuid' })
  nominationId!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty()
  winnersCount!: number;

  @ApiProperty({ type: [RankedEntryDto] })
  ranking!: RankedEntryDto[];
}

export class TurnoutDto {
  @ApiProperty({ description: 'Voters with at least one counted vote' })
  voters!: number;

  @ApiProperty({ description: 'Counted votes' })
  votes!: number;

  @ApiProperty({ description: 'Votes annulled by an admin (in the ledger, not counted)' })
  annulledVotes!: number;

  @ApiProperty({ description: 'Verified voters who did not vote' })
  verifiedNonVoters!: number;
}

export class ResultsDto {
  @ApiProperty({ format: 'uuid' })
  contestId!: string;

  @ApiProperty()
  publishedAt!: string;

  @ApiProperty({ type: [NominationResultDto] })
  nominations!: NominationResultDto[];

  @ApiProperty({ type: TurnoutDto })
  turnout!: TurnoutDto;

  @ApiProperty({ description: 'SHA-256 hex of ledger.csv as served' })
  ledgerSha256!: string;
}

export class RecountDto {
  @ApiProperty({ description: 'The recount from the raw votes equals the published snapshot' })
  matches!: boolean;

  @ApiProperty({ description: 'SHA-256 of the ledger regenerated now' })
  recomputedLedgerSha256!: string;

  @ApiProperty()
  publishedLedgerSha256!: string;

  @ApiProperty({ type: [String], description: 'What differs, if anything' })
  differences!: string[];
}
