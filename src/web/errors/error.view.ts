import { DomainError } from '../../common/errors/domain-error';
import { Page, WebContext } from '../render/page';

/** Which page explains an error: each says what happened and what to do next. */
export type ErrorKind =
  | 'badRequest'
  | 'csrf'
  | 'forbidden'
  | 'notFound'
  | 'conflict'
  | 'tooLarge'
  | 'tooMany'
  | 'internal'
  | 'unavailable';

export function errorKind(error: DomainError): ErrorKind {
  if (error.code === 'csrf_refused') {
    return 'csrf';
  }
  switch (error.status) {
    case 401:
    case 403:
      return 'forbidden';
    case 404:
    case 410:
      return 'notFound';
    case 409:
      return 'conflict';
    case 413:
      return 'tooLarge';
    case 429:
      return 'tooMany';
    case 503:
      return 'unavailable';
    default:
      return error.status >= 500 ? 'internal' : 'badRequest';
  }
}

export function errorPage(context: WebContext, error: DomainError, errorId?: string): Page {
  const kind = errorKind(error);
  return {
    template: 'errors/error.njk',
    title: context.t(`errors.${kind}.title`),
    status: error.status,
    model: {
      body: context.t(`errors.${kind}.body`),
      next: context.t(`errors.${kind}.next`),
      errorId,
    },
  };
}
