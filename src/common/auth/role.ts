/** Roles stored on a user. Citizen comes from a confirmed email, representative from a membership. */
export enum Role {
  Moderator = 'moderator',
  Admin = 'admin',
}

export const STORED_ROLES: readonly Role[] = [Role.Moderator, Role.Admin];
