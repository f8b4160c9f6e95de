import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { Role } from '../../common/auth/role';
import { Locale, LOCALES } from '../../common/i18n/locale';
import { NotificationPreferences, User } from '../entities/user.entity';
import { IsOmittable } from '../../common/http/omittable';

export class NotificationPreferencesDto implements NotificationPreferences {
  @ApiProperty({ description: 'Contest announcements: entries open, voting open, results' })
  @IsBoolean()
  contestNews!: boolean;

  @ApiProperty({ description: 'Moderators: an email for each new submission' })
  @IsBoolean()
  moderationAlerts!: boolean;
}

export class UserProfileDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'email' })
  email!: string;

  @ApiProperty()
  fullName!: string;

  @ApiProperty({ type: String, nullable: true })
  phone!: string | null;

  @ApiProperty({ enum: LOCALES })
  locale!: Locale;

  @ApiProperty({
    enum: Role,
    isArray: true,
    description: 'Stored staff roles; every confirmed user is a citizen',
  })
  roles!: Role[];

  @ApiProperty()
  emailConfirmed!: boolean;

  @ApiProperty({ type: NotificationPreferencesDto })
  notificationPreferences!: NotificationPreferencesDto;

  @ApiProperty()
  createdAt!: Date;
}

export function toUserProfile(user: User): UserProfileDto {
  return {
    id: user.id,
    email: user.email,
    fullName: user.fullName,
    phone: user.phone,
    locale: user.locale,
    roles: user.roles,
    emailConfirmed: user.emailConfirmedAt !== null,
    notificationPreferences: user.notificationPreferences,
    createdAt: user.createdAt,
  };
}

export class UpdateProfileDto {
  @ApiPropertyOptional({ minLength: 2, maxLength: 200 })
  @IsOmittable()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  fullName?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '+996555123456',
    pattern: '^\\+?[0-9 ()-]{6,20}$',
    maxLength: 21,
  })
  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{6,20}$/, { message: 'phone must be a phone number such as +996555123456' })
  phone?: string | null;

  @ApiPropertyOptional({ enum: LOCALES })
  @IsOmittable()
  @IsIn(LOCALES)
  locale?: Locale;

  @ApiPropertyOptional({ type: NotificationPreferencesDto })
  @IsOmittable()
  @ValidateNested()
  @Type(() => NotificationPreferencesDto)
  notificationPreferences?: NotificationPreferencesDto;
}
