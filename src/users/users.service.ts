import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UpdateProfileDto, toUserProfile, UserProfileDto } from './dto/user-profile.dto';
import { UserErrors } from './users.errors';
import { UsersRepository } from './users.repository';

/** The signed-in user's own profile. */
@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
  ) {}

  async getProfile(userId: string): Promise<UserProfileDto> {
    const user = await this.users.findById(userId);
    if (!user) {
      throw UserErrors.notFound();
    }
    return toUserProfile(user);
  }

  async updateProfile(userId: string, changes: UpdateProfileDto): Promise<UserProfileDto> {
    await this.dataSource.transaction(async (manager) => {
      const user = await this.users.findByIdForUpdate(manager, userId);
      if (!user) {
        throw UserErrors.notFound();
      }
      await this.users.update(manager, userId, {
        ...(changes.fullName !== undefined && { fullName: changes.fullName.trim() }),
        ...(changes.phone !== undefined && { phone: changes.phone }),
        ...(changes.locale !== undefined && { locale: changes.locale }),
        ...(changes.notificationPreferences !== undefined && {
          notificationPreferences: { ...user.notificationPreferences, ...changes.notificationPreferences },
        }),
      });
    });
    return this.getProfile(userId);
  }
}
