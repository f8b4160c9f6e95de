import { MigrationInterface } from 'typeorm';
import { InitialSchema1795987143639 } from './1795987143639-InitialSchema';
import { AuditAppendOnly1795987143640 } from './1795987143640-AuditAppendOnly';
import { ReferenceDataAndChecks1795987889677 } from './1795987889677-ReferenceDataAndChecks';
import { Practices1795988544231 } from './1795988544231-Practices';
import { PracticeSearch1795988544232 } from './1795988544232-PracticeSearch';
import { Contests1795989227322 } from './1795989227322-Contests';
import { MillisecondCursors1795990837329 } from './1795990837329-MillisecondCursors';
import { CheaperSearch1795993287796 } from './1795993287796-CheaperSearch';
import { InlineSearchHead1796181987573 } from './1796181987573-InlineSearchHead';
import { ForeignKeys1796235861563 } from './1796235861563-ForeignKeys';
import { WebSessions1796236124346 } from './1796236124346-WebSessions';
import { LedgersInFileStorage1796236300822 } from './1796236300822-LedgersInFileStorage';
import { ClearSentEmailBodies1796236929181 } from './1796236929181-ClearSentEmailBodies';
import { RetentionAndViews1796237167203 } from './1796237167203-RetentionAndViews';
import { PracticeDraftKey1796272376891 } from './1796272376891-PracticeDraftKey';

// Every migration, oldest first. `npm run migration:generate -- Name` appends to this list.
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  InitialSchema1795987143639,
  AuditAppendOnly1795987143640,
  ReferenceDataAndChecks1795987889677,
  Practices1795988544231,
  PracticeSearch1795988544232,
  Contests1795989227322,
  MillisecondCursors1795990837329,
  CheaperSearch1795993287796,
  InlineSearchHead1796181987573,
  ForeignKeys1796235861563,
  WebSessions1796236124346,
  LedgersInFileStorage1796236300822,
  ClearSentEmailBodies1796236929181,
  RetentionAndViews1796237167203,
  PracticeDraftKey1796272376891,
];
