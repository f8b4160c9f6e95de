import { ApiProperty } from '@nestjs/swagger';

export class RegionCountDto {
  @ApiProperty({ format: 'uuid' })
  regionId!: string;

  @ApiProperty()
  count!: number;
}

export class CategoryCountDto {
  @ApiProperty({ format: 'uuid' })
  categoryId!: string;

  @ApiProperty()
  count!: number;
}

export class YearCountDto {
  @ApiProperty({ description: 'Start year of the practices' })
  year!: number;

  @ApiProperty()
  count!: number;
}

export class ContestTurnoutDto {
  @ApiProperty({ format: 'uuid' })
  contestId!: string;

  @ApiProperty()
  voters!: number;

  @ApiProperty()
  votes!: number;
}

/** Published practices only; turnout of contests whose results are published. */
export class StatsDto {
  @ApiProperty({ type: [RegionCountDto] })
  practicesByRegion!: RegionCountDto[];

  @ApiProperty({ type: [CategoryCountDto] })
  practicesByCategory!: CategoryCountDto[];

  @ApiProperty({ type: [YearCountDto] })
  practicesByYear!: YearCountDto[];

  @ApiProperty({ type: [ContestTurnoutDto] })
  contestTurnout!: ContestTurnoutDto[];
}
