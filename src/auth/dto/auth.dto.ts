import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Locale, LOCALES } from '../../common/i18n/locale';
import { IsAcceptablePassword } from '../password-policy';

const TOKEN_MAX_LENGTH = 200;
/** Sign-in accepts longer input than the policy allows, so an over-long guess is a 401, not a hint. */
const PASSWORD_INPUT_MAX_LENGTH = 1024;

export class RegisterDto {
  @ApiProperty({ format: 'email', maxLength: 254 })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @IsAcceptablePassword()
  password!: string;

  @ApiProperty({ minLength: 2, maxLength: 200, example: 'Айгүл Асанова' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  fullName!: string;

  @ApiPropertyOptional({ enum: LOCALES, default: 'ru' })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;

  @ApiProperty({ enum: [true], description: 'Consent to the privacy terms; required' })
  @Equals(true, { message: 'consent must be given to register' })
  consent!: true;
}

export class AcceptedDto {
  @ApiProperty({ example: 'accepted' })
  status!: 'accepted';

  @ApiProperty()
  message!: string;
}

export class TokenDto {
  @ApiProperty({ description: 'The token from the email link', minLength: 10, maxLength: TOKEN_MAX_LENGTH })
  @IsString()
  @MinLength(10)
  @MaxLength(TOKEN_MAX_LENGTH)
  token!: string;
}

export class LoginDto {
  @ApiProperty({ format: 'email', maxLength: 254 })
  @IsString()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ format: 'password', maxLength: PASSWORD_INPUT_MAX_LENGTH })
  @IsString()
  @MaxLength(PASSWORD_INPUT_MAX_LENGTH)
  password!: string;
}

export class RefreshDto {
  @ApiProperty({ minLength: 10, maxLength: TOKEN_MAX_LENGTH })
  @IsString()
  @MinLength(10)
  @MaxLength(TOKEN_MAX_LENGTH)
  refreshToken!: string;
}

export class TokenPairDto {
  @ApiProperty({ description: 'JWT for the Authorization: Bearer header' })
  accessToken!: string;

  @ApiProperty({ description: 'Opaque; exchange it at /auth/refresh. Each use rotates it.' })
  refreshToken!: string;

  @ApiProperty({ description: 'Seconds until the access token expires', example: 900 })
  expiresIn!: number;
}

export class ForgotPasswordDto {
  @ApiProperty({ format: 'email', maxLength: 254 })
  @IsString()
  @MaxLength(254)
  email!: string;
}

export class ResetPasswordDto extends TokenDto {
  @IsAcceptablePassword()
  password!: string;
}

export class ChangePasswordDto {
  @ApiProperty({
    format: 'password',
    maxLength: PASSWORD_INPUT_MAX_LENGTH,
    description: 'The password in use now',
  })
  @IsString()
  @MaxLength(PASSWORD_INPUT_MAX_LENGTH)
  currentPassword!: string;

  @IsAcceptablePassword()
  newPassword!: string;
}
