import { ApiProperty } from '@nestjs/swagger';

export class CategoryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'budget' })
  code!: string;

  @ApiProperty({ example: 'Бюджет и финансы' })
  name!: string;
}
