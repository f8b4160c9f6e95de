import * as fs from 'node:fs';
import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import { projectPath } from '../common/project-path';
import { Locale } from '../common/i18n/locale';

export const MAIL_TEMPLATES = [
  'confirm-email',
  'account-exists',
  'password-reset',
  'representative-requested',
  'representative-decided',
  'practice-submitted',
  'practice-awaiting-review',
  'practice-decided',
  'entry-decided',
  'contest-announcement',
  'verification-requested',
  'verification-decided',
  'vote-receipt',
  'results-published',
] as const;
export type MailTemplate = (typeof MAIL_TEMPLATES)[number];

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

export interface RenderRequest {
  template: MailTemplate;
  locale: Locale;
  vars: Record<string, unknown>;
  /** The link the email's button opens. */
  actionUrl?: string;
  /** Present on non-essential mail only. */
  unsubscribeUrl?: string;
}

interface MessageStrings {
  subject: string;
  heading: string;
  paragraphs: string[];
  action?: string;
  footnote?: string;
}

type Compiled = (vars: Record<string, unknown>) => string;

/**
 * The templates use only `if`, `each` and plain values: compiled for exactly that (no helper
 * lookup per value, no `@index` frames), a measured share of every vote's receipt (bench:vote).
 * A template that needed another helper would fail on its first render (mail-renderer.spec).
 */
const COMPILE_OPTIONS = { knownHelpersOnly: true, data: false } as const;

/**
 * Renders an email from its per-locale strings (templates/<locale>/<name>.json, each string itself a
 * Handlebars template) into the shared HTML and plain-text layouts.
 */
@Injectable()
export class MailRenderer {
  private readonly cache = new Map<string, Compiled>();
  private readonly html = this.compileFile('layout.html.hbs', false);
  private readonly text = this.compileFile('layout.text.hbs', true);

  render(request: RenderRequest): MailContent {
    const strings = this.strings<MessageStrings>(request.locale, request.template);
    const common = this.strings<Record<string, string>>(request.locale, 'common');
    const fill = (source: string) => this.compileString(source)(request.vars);
    const model = {
      locale: request.locale,
      portalName: common.portalName,
      unsubscribeLabel: common.unsubscribeLabel,
      subject: fill(strings.subject),
      heading: fill(strings.heading),
      paragraphs: strings.paragraphs.map(fill).filter((p) => p.trim().length > 0),
      action:
        strings.action && request.actionUrl
          ? { label: fill(strings.action), url: request.actionUrl }
          : undefined,
      footnote: strings.footnote ? fill(strings.footnote) : undefined,
      unsubscribeUrl: request.unsubscribeUrl,
    };
    return {
      subject: model.subject,
      text: this.text(model).replace(/\n{3,}/g, '\n\n'),
      html: this.html(model),
    };
  }

  private readonly parsed = new Map<string, unknown>();

  /** Each strings file is read once: a vote receipt is rendered on the hottest path of the portal. */
  private strings<T>(locale: Locale, name: string): T {
    const key = `${locale}/${name}`;
    if (!this.parsed.has(key)) {
      this.parsed.set(key, JSON.parse(fs.readFileSync(templatePath(locale, `${name}.json`), 'utf8')));
    }
    return this.parsed.get(key) as T;
  }

  /** Strings are compiled without HTML escaping: the layouts escape when they insert them. */
  private compileString(source: string): Compiled {
    let compiled = this.cache.get(source);
    if (!compiled) {
      compiled = Handlebars.compile(source, { ...COMPILE_OPTIONS, noEscape: true, strict: false });
      this.cache.set(source, compiled);
    }
    return compiled;
  }

  private compileFile(name: string, noEscape: boolean): Compiled {
    return Handlebars.compile(fs.readFileSync(templatePath(name), 'utf8'), { ...COMPILE_OPTIONS, noEscape });
  }
}

function templatePath(...segments: string[]): string {
  return projectPath('src', 'notifications', 'templates', ...segments);
}
