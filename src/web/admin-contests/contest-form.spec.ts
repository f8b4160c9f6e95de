import { ContestDto } from '../../contests/dto/contest.dto';
import { applyRowIntent, readContestForm, readIntent, toCreateValues, toUpdateValues } from './contest-form';

const posted = {
  'title.ru': 'Конкурс',
  'description.ky': 'Сүрөттөмө',
  'rules.en': 'Rules',
  'nominations.0.title.ru': 'Первая',
  'nominations.0.winnersCount': '2',
  'nominations.3.title.en': 'After a removal the indexes have gaps',
  'nominations.3.winnersCount': '1',
  'entriesOpenAt-day': '1',
  'entriesOpenAt-month': '3',
  'entriesOpenAt-year': '2030',
  'entriesOpenAt-time': '09:00',
  'entriesCloseAt-day': '1',
  'entriesCloseAt-month': '4',
  'entriesCloseAt-year': '2030',
  'entriesCloseAt-time': '18:00',
  'votingOpensAt-day': '15',
  'votingOpensAt-month': '4',
  'votingOpensAt-year': '2030',
  'votingOpensAt-time': '09:00',
  'votingClosesAt-day': '1',
  'votingClosesAt-month': '5',
  'votingClosesAt-year': '2030',
  'votingClosesAt-time': '18:00',
  votesLimit: 'limited',
  votesPerVoter: '3',
  voterPolicy: 'email',
  allowRetract: 'true',
};

describe('the contest form', () => {
  it('reads the posted rows in order and converts them to the API values, dates with Bishkek offset', () => {
    const form = readContestForm(posted);
    expect(form.nominations.map((row) => row.winnersCount)).toEqual(['2', '1']);
    const { values, errors } = toCreateValues(form);
    expect(errors).toEqual([]);
    expect(values).toMatchObject({
      title: { ru: 'Конкурс' },
      nominations: [
        { title: { ru: 'Первая' }, winnersCount: 2 },
        { title: { en: 'After a removal the indexes have gaps' }, winnersCount: 1 },
      ],
      entriesOpenAt: '2030-03-01T09:00:00+06:00',
      votesPerVoter: 3,
      voterPolicy: 'email',
      showLiveCounts: false,
      allowRetract: true,
    });
  });

  it('adds an empty row and removes the one asked for, leaving the rest as typed', () => {
    const form = readContestForm(posted);
    expect(readIntent({ intent: 'add' })).toEqual({ kind: 'add' });
    expect(applyRowIntent(form, { kind: 'add' }).nominations).toHaveLength(3);
    const removed = applyRowIntent(form, readIntent({ intent: 'remove-0' }));
    expect(removed.nominations.map((row) => row.en)).toEqual(['After a removal the indexes have gaps']);
    expect(removed.texts).toEqual(form.texts);
    expect(readIntent({})).toEqual({ kind: 'save' });
  });

  it('finds a text given in no language and a missing vote limit before the API does', () => {
    const form = readContestForm({ ...posted, 'title.ru': ' ', votesPerVoter: '' });
    expect(toCreateValues(form).errors.map((e) => `${e.field}:${e.code}`)).toEqual([
      'title:atLeastOneLanguage',
      'votesPerVoter:required',
    ]);
  });

  it('sends only the dates and locked settings that changed, so untouched past dates are never moved', () => {
    const current = {
      entriesOpenAt: new Date('2030-03-01T03:00:30.500Z'),
      entriesCloseAt: new Date('2030-04-01T12:00:00Z'),
      votingOpensAt: new Date('2030-04-15T03:00:00Z'),
      votingClosesAt: new Date('2030-05-01T12:00:00Z'),
      votesPerVoter: 3,
      voterPolicy: 'verified',
    } as unknown as ContestDto;
    const { values } = toUpdateValues(
      readContestForm({ ...posted, 'votingClosesAt-time': '20:00' }),
      current,
    );
    expect(Object.keys(values).sort()).toEqual(
      [
        'allowRetract',
        'description',
        'rules',
        'showLiveCounts',
        'title',
        'voterPolicy',
        'votingClosesAt',
      ].sort(),
    );
    expect(values.votingClosesAt).toBe('2030-05-01T20:00:00+06:00');
  });
});
