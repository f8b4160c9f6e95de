import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';
import { Role, STORED_ROLES } from '../../common/auth/role';
import { User } from '../entities/user.entity';
import { toUserProfile, UserProfileDto } from './user-profile.dto';
import { PagedQueryDto } from '../../common/http/localized-query.dto';
import { IsOmittable } from '../../common/http/omittable';

export class AdminUserDto extends UserProfileDto {
  @ApiProperty({ type: Date, nullable: true })
  blockedAt!: Date | null;

  @ApiProperty({ type: Date, nullable: true })
  emailConfirmedAt!: Date | null;

  @ApiProperty({ type: Date, nullable: true, description: 'When a moderator verified the user as a voter' })
  voterVerifiedAt!: Date | null;
}

export function toAdminUser(user: User): AdminUserDto {
  return {
    ...toUserProfile(user),
    blockedAt: user.blockedAt,
    emailConfirmedAt: user.emailConfirmedAt,
    voterVerifiedAt: user.voterVerifiedAt,
  };
}

export class AdminUserQueryDto extends PagedQueryDto {
  @ApiPropertyOptional({ description: 'Part of an email or a name', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: STORED_ROLES })
  @IsOptional()
  @IsIn(STORED_ROLES)
  role?: Role;
}

export class AdminUserPageDto {
  @ApiProperty({ type: [AdminUserDto] })
  items!: AdminUserDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

export class AdminUpdateUserDto {
  @ApiPropertyOptional({
    enum: STORED_ROLES,
    isArray: true,
    maxItems: STORED_ROLES.length,
    description: 'The full set of staff roles',
  })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(STORED_ROLES.length)
  @ArrayUnique()
  @IsIn(STORED_ROLES, { each: true })
  roles?: Role[];

  @ApiPropertyOptional()
  @IsOmittable()
  @IsBoolean()
  blocked?: boolean;
}
