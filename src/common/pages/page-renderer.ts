import * as fs from 'node:fs';
import { Injectable } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import Handlebars from 'handlebars';
import { Locale, LOCALES } from '../i18n/locale';
import { projectPath } from '../project-path';

export interface PageResult {
  status: number;
  html: string;
}

export interface PageForm {
  token: string;
  button: string;
  password?: boolean;
  passwordLabel?: string;
}

export interface PageModel {
  status: number;
  locale: Locale;
  /** The page's own path, e.g. `/confirm-email`: the form posts to it and language links point at it. */
  path: string;
  heading: string;
  paragraphs: string[];
  errors?: string[];
  form?: PageForm;
  /** Query parameters that the language links keep (an error page keeps the link's token). */
  query?: Record<string, string>;
}

const PORTAL_NAME: Record<Locale, string> = {
  ky: 'Жергиликтүү өз алдынча башкаруунун мыкты тажрыйбалар порталы',
  ru: 'Портал лучших практик местного самоуправления',
  en: 'Best-practice portal of local self-government',
};
const LANGUAGE_LABELS: Record<Locale, string> = { ky: 'Кыргызча', ru: 'Русский', en: 'English' };

/**
 * The small server-rendered pages that email links open (confirm, reset, unsubscribe). No JavaScript:
 * a GET shows a button, the button's form POST does the work, so mail scanners never act.
 */
@Injectable()
export class PageRenderer {
  private readonly template = Handlebars.compile(
    fs.readFileSync(projectPath('src', 'common', 'pages', 'page.html.hbs'), 'utf8'),
  );

  render(model: PageModel): PageResult {
    const { locale, path, form, query } = model;
    const html = this.template({
      locale,
      portalName: PORTAL_NAME[locale],
      heading: model.heading,
      paragraphs: model.paragraphs,
      errors: model.errors ?? [],
      form: form && { ...form, action: `${path}?lang=${locale}` },
      languages: LOCALES.filter((code) => code !== locale).map((code) => ({
        code,
        label: LANGUAGE_LABELS[code],
        url: form
          ? `${path}?token=${encodeURIComponent(form.token)}&lang=${code}`
          : `${path}?${new URLSearchParams({ ...query, lang: code }).toString()}`,
      })),
    });
    return { status: model.status, html };
  }
}

export function sendPage(reply: FastifyReply, page: PageResult): void {
  void reply
    .status(page.status)
    .header('Content-Type', 'text/html; charset=utf-8')
    .header('Cache-Control', 'no-store')
    .header('Referrer-Policy', 'no-referrer')
    .send(page.html);
}
