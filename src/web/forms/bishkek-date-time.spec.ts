import { bishkekParts, parseBishkekDateTime, sameMinute } from './bishkek-date-time';

describe('Bishkek date and time (UTC+6, no daylight saving)', () => {
  it('turns 09:00 in Bishkek into 03:00 UTC, and back', () => {
    const parsed = parseBishkekDateTime({ day: '15', month: '4', year: '2026', time: '09:00' });
    expect(parsed).toEqual({ iso: '2026-04-15T09:00:00+06:00' });
    const iso = (parsed as { iso: string }).iso;
    expect(new Date(iso).toISOString()).toBe('2026-04-15T03:00:00.000Z');
    expect(bishkekParts(new Date(iso))).toEqual({ day: '15', month: '4', year: '2026', time: '09:00' });
  });

  it('crosses midnight: 00:30 on 1 May in Bishkek is 18:30 on 30 April in UTC', () => {
    expect(bishkekParts('2026-04-30T18:30:00.000Z')).toEqual({
      day: '1',
      month: '5',
      year: '2026',
      time: '00:30',
    });
  });

  it('keeps the same offset in winter and summer', () => {
    expect(bishkekParts('2026-01-10T06:00:00Z').time).toBe('12:00');
    expect(bishkekParts('2026-07-10T06:00:00Z').time).toBe('12:00');
  });

  it.each([
    [{ day: '', month: '', year: '', time: '' }, 'required'],
    [{ day: '31', month: '2', year: '2026', time: '09:00' }, 'invalidDate'],
    [{ day: '1', month: '13', year: '2026', time: '09:00' }, 'invalidDate'],
    [{ day: '1', month: '1', year: '26', time: '09:00' }, 'invalidDate'],
    [{ day: '1', month: '1', year: '2026', time: '24:00' }, 'invalidTime'],
    [{ day: '1', month: '1', year: '2026', time: '9' }, 'invalidTime'],
  ])('refuses %j as %s', (parts, problem) => {
    expect(parseBishkekDateTime(parts)).toEqual({ problem });
  });

  it('accepts a single-digit hour and a dot, as people type them', () => {
    expect(parseBishkekDateTime({ day: '1', month: '1', year: '2026', time: '9.05' })).toEqual({
      iso: '2026-01-01T09:05:00+06:00',
    });
  });

  it('compares instants to the minute, as the form shows them', () => {
    expect(sameMinute('2026-01-01T03:00:59.999Z', '2026-01-01T09:00:00+06:00')).toBe(true);
    expect(sameMinute('2026-01-01T03:01:00.000Z', '2026-01-01T09:00:00+06:00')).toBe(false);
  });
});
