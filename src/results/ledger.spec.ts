import { createHash } from 'node:crypto';
import { buildLedgerCsv, csvField, ledgerChunks, LedgerVote, sha256Hex } from './ledger';

/** `votes` in cast_at order, cut into batches of the given sizes (the database cursor's FETCHes). */
async function* inBatches(votes: LedgerVote[], sizes: number[]): AsyncGenerator<LedgerVote[]> {
  let at = 0;
  for (let i = 0; at < votes.length; i += 1) {
    const size = sizes[i % sizes.length];
    await Promise.resolve(); // a FETCH's round trip
    yield votes.slice(at, at + size);
    at += size;
  }
}

async function streamed(batches: AsyncIterable<LedgerVote[]>): Promise<{ text: string; chunks: number }> {
  const chunks: Buffer[] = [];
  for await (const chunk of ledgerChunks(batches)) {
    chunks.push(chunk);
  }
  return { text: Buffer.concat(chunks).toString('utf8'), chunks: chunks.length };
}

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

  it('is just the header for a contest without votes, streamed or not', async () => {
    expect(buildLedgerCsv([])).toBe('entry_number,voter_pseudonym,cast_at,annulled\n');
    expect((await streamed(inBatches([], [10]))).text).toBe(buildLedgerCsv([]));
  });

  it('streams the same bytes from cast_at-ordered batches, sorting each millisecond by pseudonym across batch ends', async () => {
    // 20,000 votes over 2,000 milliseconds (10 a millisecond), pseudonyms in random order: every
    // batch size below splits some millisecond's votes between two FETCHes.
    const start = Date.parse('2026-05-01T10:00:00.000Z');
    const votes: LedgerVote[] = Array.from({ length: 20_000 }, (_, i) => ({
      entryNumber: (i % 50) + 1,
      pseudonym: createHash('sha256').update(String(i)).digest('hex').slice(0, 24),
      castAt: new Date(start + Math.floor(i / 10)),
      annulled: i % 97 === 0,
    }));
    const expected = buildLedgerCsv(votes);

    for (const sizes of [[1], [7], [1000], [3, 997, 10_000]]) {
      const { text, chunks } = await streamed(inBatches(votes, sizes));
      expect(text).toBe(expected);
      expect(chunks).toBeGreaterThan(10); // written in pieces, never as one string
    }
  });

  it('quotes CSV fields that need it', () => {
    expect(csvField('Айыл, "Достук"')).toBe('"Айыл, ""Достук"""');
    expect(csvField(12)).toBe('12');
  });

  it.each([
    ['=HYPERLINK("http://evil.example","Нажмите")', `"'=HYPERLINK(""http://evil.example"",""Нажмите"")"`],
    ['+7 996 555 1234', "'+7 996 555 1234"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', `"'\r=1+1"`],
  ])('neutralises a cell a spreadsheet would run as a formula: %p', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('leaves cells that merely contain formula characters alone', () => {
    expect(csvField('Бюджет = участие')).toBe('Бюджет = участие');
    expect(csvField('info@ayil.kg')).toBe('info@ayil.kg');
    expect(csvField(0)).toBe('0');
  });
});
