import { validate } from 'class-validator';
import { plainToInstance } from 'class-transformer';
import { ResetPasswordDto } from './dto/auth.dto';
import { isCommonPassword } from './password-policy';

async function passwordErrors(password: unknown): Promise<string[]> {
  const dto = plainToInstance(ResetPasswordDto, { token: 'a-valid-looking-token', password });
  const errors = await validate(dto);
  return errors.filter((e) => e.property === 'password').flatMap((e) => Object.keys(e.constraints ?? {}));
}

describe('password policy', () => {
  it('knows the most common passwords, case-insensitively', () => {
    expect(isCommonPassword('123456')).toBe(true);
    expect(isCommonPassword('PASSWORD')).toBe(true);
    expect(isCommonPassword('tulpar-ulak-tartysh-2026')).toBe(false);
  });

  it.each([
    ['short1234', ['minLength']],
    ['a'.repeat(129), ['maxLength']],
    ['1234567890', ['commonPassword']],
    ['x'.repeat(128), []],
    ['менин сырсөзүм Ысык-Көлдө', []],
    ['correct horse battery staple '.repeat(2).trim(), []],
  ])('judges %p', async (password, expected) => {
    expect(await passwordErrors(password)).toEqual(expected);
  });

  it('refuses a non-string', async () => {
    expect(await passwordErrors(12345678901)).toContain('isString');
  });
});
