import { PracticeDto } from '../../practices/dto/practice.dto';
import {
  dtoValuesOf,
  formOfPractice,
  mergeErrors,
  requiredEmptyErrors,
  sameAsSaved,
  sectionStatuses,
  tagsOf,
} from './practice-form';

const CATEGORY = '6f1d3c7e-8a4b-4c2d-9e0f-1a2b3c4d5e6f';

function practice(overrides: Partial<PracticeDto> = {}): PracticeDto {
  return {
    title: 'Open village budget',
    summary: 'Residents decide together how part of the budget is spent.',
    category: { id: CATEGORY, name: 'Budget' },
    language: 'ru',
    startYear: 2019,
    endYear: null,
    tags: ['budget'],
    problem: '',
    solution: '',
    results: '',
    resources: '',
    replicability: '',
    contactName: '',
    contactPhone: null,
    contactEmail: null,
    ...overrides,
  } as PracticeDto;
}

describe('the practice form in sections', () => {
  it('reads tags separated by commas, ignoring blanks', () => {
    expect(tagsOf(' budget, ,water ,, youth ')).toEqual(['budget', 'water', 'youth']);
  });

  it('turns typed strings into the DTO: years as numbers, empty optional members cleared', () => {
    const form = { startYear: ' 2020 ', endYear: '', tags: '', contactPhone: '  ', title: ' A title ' };
    expect(dtoValuesOf(form, ['startYear', 'endYear', 'tags', 'contactPhone', 'title'], null)).toEqual({
      startYear: 2020,
      endYear: null,
      tags: [],
      contactPhone: null,
      title: 'A title',
    });
    expect(dtoValuesOf({ startYear: 'twenty' }, ['startYear'], undefined)).toEqual({ startYear: 'twenty' });
  });

  it('says "fill in" for an empty required field, and a wrong kind of value before its limits', () => {
    const required = requiredEmptyErrors({ title: ' ', endYear: '' }, ['title', 'endYear']);
    expect(required.map((error) => error.field)).toEqual(['title']);
    const merged = mergeErrors(required, [
      { field: 'title', code: 'minLength', message: '' },
      { field: 'startYear', code: 'max', message: '' },
      { field: 'startYear', code: 'isInt', message: '' },
    ]);
    expect(merged.map((error) => `${error.field}.${error.code}`)).toEqual([
      'title.required',
      'startYear.isInt',
      'startYear.max',
    ]);
  });

  it('marks a section completed, not started or in progress by the API rules for a complete practice', async () => {
    const statuses = await sectionStatuses(practice({ problem: 'Too short', contactName: 'Aibek Osmonov' }));
    expect(statuses).toEqual({
      about: 'completed',
      story: 'inProgress',
      outcome: 'notStarted',
      replicability: 'notStarted',
      contact: 'completed',
    });
  });

  it('recognises a save that already happened (tags as the service stores them)', () => {
    const saved = formOfPractice(practice({ tags: ['budget', 'water'] }));
    expect(sameAsSaved({ ...saved, tags: 'Budget, water, budget' }, saved, ['title', 'tags'])).toBe(true);
    expect(sameAsSaved({ ...saved, title: 'Another title' }, saved, ['title', 'tags'])).toBe(false);
  });
});
