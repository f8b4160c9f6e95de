import { QueryFailedError } from 'typeorm';
import { violatedUniqueIndex } from './unique-violation';

const pgError = (code: string, constraint?: string) => Object.assign(new Error('pg'), { code, constraint });

describe('violatedUniqueIndex', () => {
  it('names the index of a unique violation, from TypeORM or from pg itself', () => {
    const fromPg = pgError('23505', 'practices_draft_key');
    expect(violatedUniqueIndex(fromPg)).toBe('practices_draft_key');
    expect(violatedUniqueIndex(new QueryFailedError('INSERT', [], fromPg))).toBe('practices_draft_key');
  });

  it('is undefined for any other failure', () => {
    expect(violatedUniqueIndex(pgError('23514', 'votes_check'))).toBeUndefined();
    expect(violatedUniqueIndex(new QueryFailedError('INSERT', [], pgError('57014')))).toBeUndefined();
    expect(violatedUniqueIndex(new Error('connection lost'))).toBeUndefined();
    expect(violatedUniqueIndex(undefined)).toBeUndefined();
  });
});
