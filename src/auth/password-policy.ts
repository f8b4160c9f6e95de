import * as fs from 'node:fs';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength, ValidateBy, ValidationOptions } from 'class-validator';
import { projectPath } from '../common/project-path';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

let commonPasswords: Set<string> | undefined;

/** The 10,000 most common passwords (shipped as data), compared case-insensitively. */
export function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set(
    fs
      .readFileSync(projectPath('src', 'auth', 'data', 'common-passwords.txt'), 'utf8')
      .split('\n')
      .filter((line) => line && !line.startsWith('#')),
  );
  return commonPasswords.has(password.toLowerCase());
}

/** Why the policy refuses this password, or undefined when it passes (for checks outside a DTO). */
export function passwordPolicyProblem(password: string): string | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return `must be at least ${PASSWORD_MIN_LENGTH} characters long`;
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    return `must be at most ${PASSWORD_MAX_LENGTH} characters long`;
  }
  return isCommonPassword(password) ? 'is one of the most common passwords; choose another' : undefined;
}

function NotCommonPassword(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'commonPassword',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && !isCommonPassword(value),
        defaultMessage: () => 'password is one of the most common passwords; choose another',
      },
    },
    options,
  );
}

/** NIST-style policy: length only (10–128), no composition rules, no common passwords. */
export function IsAcceptablePassword() {
  return applyDecorators(
    ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH, format: 'password' }),
    IsString(),
    MinLength(PASSWORD_MIN_LENGTH),
    MaxLength(PASSWORD_MAX_LENGTH),
    NotCommonPassword(),
  );
}
