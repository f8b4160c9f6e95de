import { PracticeLanguage } from './entities/practice.entity';

/** The text members of a practice: what owners edit and what a revision keeps. */
export interface PracticeContent {
  title: string;
  summary: string;
  problem: string;
  solution: string;
  results: string;
  resources: string;
  replicability: string;
  startYear: number;
  endYear: number | null;
  contactName: string;
  contactPhone: string | null;
  contactEmail: string | null;
  language: PracticeLanguage;
  categoryId: string;
  tags: string[];
}

export const CONTENT_FIELDS: readonly (keyof PracticeContent)[] = [
  'title',
  'summary',
  'problem',
  'solution',
  'results',
  'resources',
  'replicability',
  'startYear',
  'endYear',
  'contactName',
  'contactPhone',
  'contactEmail',
  'language',
  'categoryId',
  'tags',
];

export function contentOf(source: PracticeContent): PracticeContent {
  return Object.fromEntries(
    CONTENT_FIELDS.map((field) => [field, source[field]]),
  ) as unknown as PracticeContent;
}
