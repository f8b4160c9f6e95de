import { FastifyReply, FastifyRequest } from 'fastify';
import { Locale } from '../i18n/locale';
import { PageRenderer, sendPage } from '../pages/page-renderer';
import { DomainError, SERVICE_UNAVAILABLE } from './domain-error';

const UNAVAILABLE_TEXT: Record<Locale, string> = {
  en: 'Nothing was changed. Reload the page or send the form again in a minute.',
  ru: 'Ничего не изменено. Обновите страницу или отправьте форму ещё раз через минуту.',
  ky: 'Эч нерсе өзгөргөн жок. Бир мүнөттөн кийин баракты жаңылаңыз же форманы кайра жөнөтүңүз.',
};
const ERROR_ID_LABEL: Record<Locale, string> = {
  en: 'Error id (quote it to support)',
  ru: 'Номер ошибки (сообщите его в поддержку)',
  ky: 'Катанын номери (колдоо кызматына айтыңыз)',
};
const HTML = 'text/html';
const JSON_TYPES = new Set(['application/json', 'application/problem+json']);

let renderer: PageRenderer | undefined;

/**
 * True when the caller asked for a page rather than data: `text/html` in Accept ranked above JSON, as
 * every browser sends it (the pages email links open, the website) and no API client does.
 */
export function prefersHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept;
  if (typeof accept !== 'string') {
    return false;
  }
  const ranges = accept.split(',').map((range, index) => {
    const [type = '', ...params] = range.split(';').map((part) => part.trim().toLowerCase());
    const q = params.find((param) => param.startsWith('q='));
    return { type, index, q: q ? Number(q.slice(2)) : 1 };
  });
  const html = ranges.find((range) => range.type === HTML);
  if (!html || !(html.q > 0)) {
    return false;
  }
  const json = ranges.find((range) => JSON_TYPES.has(range.type));
  return !json || html.q > json.q || (html.q === json.q && html.index < json.index);
}

/**
 * The problem as a small HTML page in the caller's language, with the same status and Retry-After
 * as the JSON answer. Exported for the website, whose pages answer the same way.
 */
export function sendProblemPage(
  request: FastifyRequest,
  reply: FastifyReply,
  error: DomainError,
  locale: Locale,
  errorId?: string,
): void {
  renderer ??= new PageRenderer();
  const paragraphs = error.code === SERVICE_UNAVAILABLE ? [UNAVAILABLE_TEXT[locale]] : [];
  if (errorId) {
    paragraphs.push(`${ERROR_ID_LABEL[locale]}: ${errorId}`);
  }
  if (error.options.retryAfterSeconds !== undefined) {
    void reply.header('Retry-After', String(error.options.retryAfterSeconds));
  }
  const [path = '/', search = ''] = request.url.split('?');
  const query = Object.fromEntries([...new URLSearchParams(search)].filter(([name]) => name !== 'lang'));
  const page = renderer.render({
    status: error.status,
    locale,
    path,
    heading: error.title[locale],
    paragraphs,
    query,
  });
  sendPage(reply, page);
}
