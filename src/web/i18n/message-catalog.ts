import * as fs from 'node:fs';
import * as path from 'node:path';
import { Locale, LOCALES } from '../../common/i18n/locale';
import { projectPath } from '../../common/project-path';

export type MessageParams = Record<string, string | number>;
type Messages = Map<string, string>;

/** Plural forms a key may end in; `tn` picks one with Intl.PluralRules (Russian has one/few/many). */
export const PLURAL_FORMS = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;

/**
 * Every string the website writes, from `src/web/i18n/<lang>/<area>.json`. Each area file is nested
 * JSON whose keys are prefixed by the file's name: `account.json` → `account.register.title`. Areas
 * are separate files so that people working on different pages never edit the same one.
 */
export class MessageCatalog {
  private readonly plurals = new Map<Locale, Intl.PluralRules>();

  private constructor(private readonly messages: Record<Locale, Messages>) {
    for (const locale of LOCALES) {
      this.plurals.set(locale, new Intl.PluralRules(locale));
    }
  }

  static load(dir = projectPath('src', 'web', 'i18n')): MessageCatalog {
    const messages = {} as Record<Locale, Messages>;
    for (const locale of LOCALES) {
      messages[locale] = new Map();
      const localeDir = path.join(dir, locale);
      for (const file of fs
        .readdirSync(localeDir)
        .filter((name) => name.endsWith('.json'))
        .sort()) {
        const area = path.basename(file, '.json');
        const tree = JSON.parse(fs.readFileSync(path.join(localeDir, file), 'utf8')) as unknown;
        flatten(tree, area, messages[locale], `${locale}/${file}`);
      }
    }
    return new MessageCatalog(messages);
  }

  /** The message in that language with `{name}` placeholders filled; a missing key shows itself. */
  t(locale: Locale, key: string, params: MessageParams = {}): string {
    const message = this.messages[locale].get(key);
    if (message === undefined) {
      return key;
    }
    return message.replace(/\{(\w+)\}/g, (whole, name: string) =>
      params[name] === undefined ? whole : String(params[name]),
    );
  }

  /** A counted message: `key.one`, `key.few`… chosen by the language's plural rules, `{count}` filled. */
  tn(locale: Locale, key: string, count: number, params: MessageParams = {}): string {
    const form = this.plurals.get(locale)?.select(count) ?? 'other';
    const chosen = this.has(locale, `${key}.${form}`) ? `${key}.${form}` : `${key}.other`;
    return this.t(locale, chosen, { count, ...params });
  }

  has(locale: Locale, key: string): boolean {
    return this.messages[locale].has(key);
  }

  keys(locale: Locale): string[] {
    return [...this.messages[locale].keys()];
  }
}

function flatten(node: unknown, prefix: string, into: Messages, source: string): void {
  if (typeof node === 'string') {
    into.set(prefix, node);
    return;
  }
  if (node === null || typeof node !== 'object' || Array.isArray(node)) {
    throw new Error(`${source}: ${prefix} must be a string or an object of strings`);
  }
  for (const [key, value] of Object.entries(node)) {
    flatten(value, `${prefix}.${key}`, into, source);
  }
}
