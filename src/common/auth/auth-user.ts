import { Locale } from '../i18n/locale';
import { Role } from './role';

/** The caller as the access guard loaded it for this request (fresh from the database). */
export interface AuthUser {
  id: string;
  email: string;
  fullName: string;
  roles: Role[];
  locale: Locale;
  emailConfirmed: boolean;
  /** A moderator approved the user's voter verification. */
  voterVerified: boolean;
  createdAt: Date;
}

export function hasRole(user: AuthUser, role: Role): boolean {
  // Roles are additive and admin may do everything a moderator may.
  return user.roles.includes(role) || (role === Role.Moderator && user.roles.includes(Role.Admin));
}
