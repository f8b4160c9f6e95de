import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FieldError } from './domain-error';

/** RFC 9457 problem details, as every error response of the portal is shaped. */
export class FieldErrorDto implements FieldError {
  @ApiProperty({ example: 'password' })
  field!: string;

  @ApiProperty({ example: 'minLength' })
  code!: string;

  @ApiProperty({ example: 'password must be longer than or equal to 10 characters' })
  message!: string;
}

export class ProblemDetailsDto {
  @ApiProperty({ example: 'https://portal.example.kg/problems/validation_failed' })
  type!: string;

  @ApiProperty({ example: 'The request is not valid' })
  title!: string;

  @ApiProperty({ example: 400 })
  status!: number;

  @ApiProperty({ example: 'password: password must be longer than or equal to 10 characters' })
  detail!: string;

  @ApiProperty({ example: 'validation_failed' })
  code!: string;

  @ApiPropertyOptional({ type: [FieldErrorDto] })
  errors?: FieldErrorDto[];

  @ApiPropertyOptional({
    description: 'Present on 500 and 503 service_unavailable responses: quote it to support.',
  })
  errorId?: string;
}
