import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pass } from './portal';

/**
 * An area's page words (src/web/i18n/<language>/<area>.json) in the pass's language: pass A reads
 * Russian, pass B Kyrgyz. Specs press what the pages say, so a changed word changes the test too.
 */
export function pageWords<T>(pass: Pass, area: string): T {
  const language = pass === 'A' ? 'ru' : 'ky';
  return JSON.parse(
    readFileSync(join(__dirname, '../../../src/web/i18n', language, `${area}.json`), 'utf8'),
  ) as T;
}
