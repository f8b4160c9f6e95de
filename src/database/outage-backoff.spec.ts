import { Logger } from '@nestjs/common';
import { OutageBackoff } from './outage-backoff';

const outage = () =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

describe('OutageBackoff', () => {
  const log = jest.fn();
  const warn = jest.fn();
  const logger = { log, warn } as unknown as Logger;
  afterEach(() => jest.clearAllMocks());

  it('doubles the pause while the database is away, up to the cap, and logs the outage once', () => {
    const backoff = new OutageBackoff(logger, 1_000);
    expect([1, 2, 3, 4, 5].map(() => backoff.failed(outage(), 100))).toEqual([200, 400, 800, 1_000, 1_000]);
    expect(backoff.databaseAway).toBe(true);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('returns to the normal pace after a pass succeeds, saying so once', () => {
    const backoff = new OutageBackoff(logger, 1_000);
    backoff.failed(outage(), 100);
    backoff.succeeded();
    backoff.succeeded();
    expect(backoff.databaseAway).toBe(false);
    expect(log).toHaveBeenCalledTimes(1);
    expect(backoff.failed(outage(), 100)).toBe(200);
  });

  it('keeps the normal interval for errors that are not an outage', () => {
    const backoff = new OutageBackoff(logger, 1_000);
    expect(backoff.failed(new TypeError('a bug'), 100)).toBe(100);
    expect(backoff.databaseAway).toBe(false);
  });
});
