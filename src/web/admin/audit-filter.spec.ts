import { AuditForm, auditHref, bishkekMidnight, EMPTY_AUDIT_FORM, parseAuditFilter } from './audit-filter';

const EMPTY_DATE = { day: '', month: '', year: '' };

function form(changes: Partial<AuditForm> = {}): AuditForm {
  return { ...EMPTY_AUDIT_FORM, ...changes };
}

describe('the audit log filter', () => {
  it('starts a day at midnight in Bishkek (UTC+6)', () => {
    expect(bishkekMidnight({ day: '3', month: '12', year: '2026' })).toEqual({
      at: new Date('2026-12-02T18:00:00Z'),
    });
    expect(bishkekMidnight(EMPTY_DATE)).toBeNull();
  });

  it('refuses a partial or an impossible date', () => {
    expect(bishkekMidnight({ day: '3', month: '', year: '2026' })).toEqual({ problem: 'incomplete' });
    expect(bishkekMidnight({ day: '30', month: '2', year: '2026' })).toEqual({ problem: 'invalid' });
    expect(bishkekMidnight({ day: 'x', month: '2', year: '2026' })).toEqual({ problem: 'invalid' });
    expect(bishkekMidnight({ day: '1', month: '2', year: '26' })).toEqual({ problem: 'invalid' });
  });

  it('includes the whole last day of the period', () => {
    const { filter, errors } = parseAuditFilter(
      form({ from: { day: '1', month: '12', year: '2026' }, to: { day: '1', month: '12', year: '2026' } }),
    );
    expect(errors).toEqual([]);
    expect(filter.from).toBe('2026-11-30T18:00:00.000Z');
    expect(filter.to).toBe('2026-12-01T18:00:00.000Z');
  });

  it('refuses a period that ends before it starts', () => {
    const { errors } = parseAuditFilter(
      form({ from: { day: '2', month: '12', year: '2026' }, to: { day: '1', month: '12', year: '2026' } }),
    );
    expect(errors.map((error) => `${error.field}.${error.code}`)).toEqual(['to.beforeFrom']);
  });

  it('takes an actor as an email address or a user id, nothing else', () => {
    expect(parseAuditFilter(form({ actor: 'Admin@Demo.kg' })).filter.actor).toEqual({
      email: 'Admin@Demo.kg',
    });
    const id = '0b9b0f7e-5a6c-4c39-9d51-1f1d2b1c9a11';
    expect(parseAuditFilter(form({ actor: id.toUpperCase() })).filter.actor).toEqual({ id });
    expect(parseAuditFilter(form({ actor: 'admin' })).errors[0]).toMatchObject({
      field: 'actor',
      code: 'format',
    });
  });

  it('refuses an object type the log does not record', () => {
    expect(parseAuditFilter(form({ objectType: 'planet' })).errors[0]).toMatchObject({
      field: 'objectType',
      code: 'unknown',
    });
  });

  it('keeps the filters in the address of the next page', () => {
    expect(auditHref(form({ action: 'user.', from: { day: '1', month: '12', year: '2026' } }), 'abc')).toBe(
      '/admin/audit?action=user.&from-day=1&from-month=12&from-year=2026&cursor=abc',
    );
    expect(auditHref(form())).toBe('/admin/audit');
  });
});
