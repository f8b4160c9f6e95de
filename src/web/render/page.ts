import { AuthUser } from '../../common/auth/auth-user';
import { Locale } from '../../common/i18n/locale';
import { MessageParams } from '../i18n/message-catalog';

/** What a view builder gets: the language, the signed-in user and the message functions. */
export interface WebContext {
  locale: Locale;
  user?: AuthUser;
  /** The request's path with its query, e.g. `/practices?page=2`. */
  url: string;
  t: (key: string, params?: MessageParams) => string;
  tn: (key: string, count: number, params?: MessageParams) => string;
}

export interface Link {
  text: string;
  href: string;
}

/** One entry of the GOV.UK error summary: the message and the id of the field it links to. */
export interface ErrorItem {
  text: string;
  href: string;
}

/** A page to render: built by a view builder (pure), sent by WebRenderer. */
export interface Page {
  /** Under src/web/views, e.g. `public/home.njk`. */
  template: string;
  /** The page's own title; the layout adds " — portal name" and "Error: " when there are errors. */
  title: string;
  status?: number;
  /** A form with errors: the summary at the top, "Error: " in the title. */
  errors?: ErrorItem[];
  breadcrumbs?: Link[];
  /** Never cached anywhere (a page opened by a link that carries a token). */
  noStore?: boolean;
  /** Sends no Referer at all: the page's own URL carries a secret token. */
  noReferrer?: boolean;
  /** The page has a form that posts: it gets a CSRF token (and is never cached). */
  form?: boolean;
  /** The template's own data; plain values only, never an entity. */
  model?: Record<string, unknown>;
}
