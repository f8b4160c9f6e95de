import { IsAcceptablePassword } from '../../auth/password-policy';

/** The new password of the change-password form, under the API's one password policy. */
export class AcceptablePasswordDto {
  @IsAcceptablePassword()
  newPassword!: string;
}
