import { buildLedgerCsv, csvField, sha256Hex } from './ledger';

describe('ledger', () => {
  it('prints the header and one LF-terminated row per vote, sorted by cast_at then pseudonym', () => {
    const csv = buildLedgerCsv([
      { entryNumber: 2, pseudonym: 'bbb', castAt: new Date('2026-05-01T10:00:00.120Z'), annulled: false },
      { entryNumber: 1, pseudonym: 'aaa', castAt: new Date('2026-05-01T10:00:00.120Z'), annulled: true },
      { entryNumber: 3, pseudonym: 'ccc', castAt: new Date('2026-05-01T09:59:59.999Z'), annulled: false },
    ]);
    expect(csv).toBe(
      'entry_number,voter_pseudonym,cast_at,annulled\n' +
        '3,ccc,2026-05-01T09:59:59.999Z,false\n' +
        '1,aaa,2026-05-01T10:00:00.120Z,true\n' +
        '2,bbb,2026-05-01T10:00:00.120Z,false\n',
    );
    expect(sha256Hex(csv)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is just the header for a contest without votes', () => {
    expect(buildLedgerCsv([])).toBe('entry_number,voter_pseudonym,cast_at,annulled\n');
  });

  it('quotes CSV fields that need it', () => {
    expect(csvField('Айыл, "Достук"')).toBe('"Айыл, ""Достук"""');
    expect(csvField(12)).toBe('12');
  });
});
