import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class VoteReceiptDto {
  @ApiProperty({ format: 'uuid' })
  voteId!: string;

  @ApiProperty({ format: 'uuid' })
  entryId!: string;

  @ApiProperty()
  castAt!: Date;

  @ApiProperty({ description: 'Your pseudonym in this contest: find your votes in the published ledger' })
  pseudonym!: string;
}

export class MyVoteDto {
  @ApiProperty({ format: 'uuid' })
  voteId!: string;

  @ApiProperty({ format: 'uuid' })
  entryId!: string;

  @ApiProperty({ type: Number, nullable: true })
  entryNumber!: number | null;

  @ApiProperty()
  castAt!: Date;

  @ApiProperty()
  annulled!: boolean;
}

export class MyVotesDto {
  @ApiProperty()
  pseudonym!: string;

  @ApiProperty()
  votesUsed!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'null: no cap' })
  votesLeft!: number | null;

  @ApiProperty({ type: [MyVoteDto] })
  votes!: MyVoteDto[];
}

export class AnnulDto {
  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  reason!: string;
}
