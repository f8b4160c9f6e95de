import * as fs from 'node:fs';
import * as path from 'node:path';
import { LOCALES } from '../../common/i18n/locale';
import { projectPath } from '../../common/project-path';
import { MessageCatalog, PLURAL_FORMS } from './message-catalog';

const catalog = MessageCatalog.load();
const WEB = projectPath('src', 'web');

/** A counted message's forms differ by language (ru: one/few/many/other; en: one/other). */
function withoutPluralForm(key: string): string {
  const last = key.slice(key.lastIndexOf('.') + 1);
  return (PLURAL_FORMS as readonly string[]).includes(last) ? key.slice(0, key.lastIndexOf('.')) : key;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return entry.name === 'i18n' ? [] : sourceFiles(full);
    }
    return /\.(ts|njk)$/.test(entry.name) && !entry.name.endsWith('.spec.ts') ? [full] : [];
  });
}

/**
 * Every quoted string in the website's code and templates, and every template literal's fixed head
 * (`errors.${kind}.title` → `errors.`): a key is used when it is quoted whole, or when a quoted
 * prefix ending at a dot builds it (form error keys, plural forms, error kinds).
 */
function referencedStrings(): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(WEB)) {
    const source = fs.readFileSync(file, 'utf8');
    for (const match of source.matchAll(/(['"])([A-Za-z][\w.-]*)\1/g)) {
      found.push(match[2]);
    }
    for (const match of source.matchAll(/`([A-Za-z][\w.-]*\.)\$\{/g)) {
      found.push(match[1]);
    }
  }
  return found;
}

describe('the website message catalogs', () => {
  it.each(LOCALES.filter((locale) => locale !== 'ru'))(
    'has every Russian key in %s and no other',
    (locale) => {
      const russian = new Set(catalog.keys('ru').map(withoutPluralForm));
      const other = new Set(catalog.keys(locale).map(withoutPluralForm));
      expect([...russian].filter((key) => !other.has(key))).toEqual([]);
      expect([...other].filter((key) => !russian.has(key))).toEqual([]);
    },
  );

  it.each(LOCALES)('has an "other" form for every counted message in %s', (locale) => {
    const counted = catalog.keys(locale).filter((key) => withoutPluralForm(key) !== key);
    const missing = counted.map(withoutPluralForm).filter((base) => !catalog.has(locale, `${base}.other`));
    expect(missing).toEqual([]);
  });

  it('has no key that the website never uses', () => {
    const references = referencedStrings();
    const whole = new Set(references);
    const prefixes = references.filter((reference) => reference.includes('.'));
    const unused = catalog
      .keys('ru')
      .filter(
        (key) =>
          !whole.has(key) &&
          !whole.has(withoutPluralForm(key)) &&
          !prefixes.some((prefix) => key.startsWith(prefix.endsWith('.') ? prefix : `${prefix}.`)),
      );
    expect(unused).toEqual([]);
  });

  it('fills placeholders and shows a missing key as itself', () => {
    expect(catalog.t('en', 'validation.minLength', { min: 10 })).toBe('Enter at least 10 characters');
    expect(catalog.t('ru', 'no.such.key')).toBe('no.such.key');
  });
});
