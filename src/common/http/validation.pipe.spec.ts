import 'reflect-metadata';
import { ArgumentMetadata } from '@nestjs/common';
import { DomainError } from '../errors/domain-error';
import { EmptyDto } from './empty.dto';
import { createValidationPipe } from './validation.pipe';

const body: ArgumentMetadata = { type: 'body', metatype: EmptyDto };

/** The refusal a body gets, as the problem's field errors (undefined when it is accepted). */
async function refusal(value: unknown): Promise<unknown> {
  try {
    await createValidationPipe().transform(value, body);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).options.errors;
  }
}

describe('the validation pipe for EmptyDto (the short path of the vote route)', () => {
  it('accepts no body or an empty JSON object, as an EmptyDto', async () => {
    for (const value of [undefined, JSON.parse('{}') as unknown]) {
      await expect(createValidationPipe().transform(value, body)).resolves.toBeInstanceOf(EmptyDto);
    }
  });

  it('refuses every member as an unknown field', async () => {
    expect(await refusal({ extra: 1 })).toEqual([
      expect.objectContaining({ field: 'extra', code: 'unknownField' }),
    ]);
  });

  it('refuses what is not a JSON object', async () => {
    for (const value of [null, [], 1, 'text', true]) {
      expect(JSON.stringify(await refusal(value))).toContain('notAnObject');
    }
  });
});
