import { FastifyRequest } from 'fastify';
import { prefersHtml } from './problem-page';

const asking = (accept?: string) => ({ headers: accept === undefined ? {} : { accept } }) as FastifyRequest;

describe('prefersHtml', () => {
  it.each([
    ['a browser', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', true],
    ['HTML first, JSON after', 'text/html, application/json', true],
    ['JSON ranked higher', 'text/html;q=0.5, application/json', false],
    ['JSON first at the same rank', 'application/json, text/html', false],
    ['an API client', 'application/json', false],
    ['any type', '*/*', false],
    ['HTML refused', 'text/html;q=0', false],
    ['no Accept header', undefined, false],
  ])('%s', (_, accept, expected) => {
    expect(prefersHtml(asking(accept))).toBe(expected);
  });
});
