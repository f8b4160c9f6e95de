import { MigrationInterface } from 'typeorm';
import { InitialSchema1795987143639 } from './1795987143639-InitialSchema';
import { Invariants1795987143640 } from './1795987143640-Invariants';

// Every migration, oldest first. `npm run migration:generate -- Name` appends to this list.
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  InitialSchema1795987143639,
  Invariants1795987143640,
];
