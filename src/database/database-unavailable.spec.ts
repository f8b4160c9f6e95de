import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from './database-unavailable';

const pgError = (code: string, message = 'from the server') => Object.assign(new Error(message), { code });
const wrapped = (driverError: Error) => new QueryFailedError('SELECT 1', [], driverError);

describe('isDatabaseUnavailable', () => {
  it.each([
    [
      'an immediate or fast shutdown',
      pgError('57P01', 'terminating connection due to administrator command'),
    ],
    ['a crash of another backend', pgError('57P02')],
    ['a server starting up or in recovery', pgError('57P03', 'the database system is starting up')],
    ['too many connections', pgError('53300')],
    ['a read-only standby after failover', pgError('25006')],
    ['a broken connection (class 08)', pgError('08006')],
    ['a statement timeout', pgError('57014', 'canceling statement due to statement timeout')],
    [
      'a refused connection',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ],
    ['a reset connection', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['a connection that died mid-query', new Error('Connection terminated unexpectedly')],
    ['a connect timeout', new Error('Connection terminated due to connection timeout')],
    ['the pool acquire timeout', new Error('timeout exceeded when trying to connect')],
    ['a client that broke', new Error('Client has encountered a connection error and is not queryable')],
    ['a wrapped shutdown', wrapped(pgError('57P01'))],
    ['a wrapped broken connection', wrapped(new Error('Connection terminated unexpectedly'))],
    [
      'refusals on every address',
      new AggregateError([Object.assign(new Error('connect'), { code: 'ECONNREFUSED' })], ''),
    ],
  ])('recognises %s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', wrapped(pgError('23505'))],
    ['a check violation', wrapped(pgError('23514'))],
    [
      'a cancelled statement that was no timeout',
      pgError('57014', 'canceling statement due to user request'),
    ],
    ['a syntax error', wrapped(pgError('42601'))],
    ['a programming error', new TypeError('cannot read properties of undefined')],
    ['a thrown string', 'Connection terminated'],
    ['nothing', undefined],
  ])('leaves %s alone', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
