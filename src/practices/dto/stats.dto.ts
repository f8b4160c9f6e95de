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

/** Published practices only. Contest turnout joins in a later phase. */
export class StatsDto {
  @ApiProperty({ type: [RegionCountDto] })
  practicesByRegion!: RegionCountDto[];

  @ApiProperty({ type: [CategoryCountDto] })
  practicesByCategory!: CategoryCountDto[];

  @ApiProperty({ type: [YearCountDto] })
  practicesByYear!: YearCountDto[];
}
