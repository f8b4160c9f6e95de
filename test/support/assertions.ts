import { Response } from 'supertest';

/** An RFC 9457 problem response with this status and code. */
export function expectProblem(response: Response, status: number, code: string): void {
  expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body.status).toBe(status);
  expect(response.body.type).toMatch(new RegExp(`/problems/${code}$`));
  expect(typeof response.body.title).toBe('string');
}

/** A 400 validation problem listing this field (and rule code, when given). */
export function expectFieldError(response: Response, field: string, code?: string): void {
  expectProblem(response, 400, 'validation_failed');
  expect(response.body.errors).toEqual(
    expect.arrayContaining([expect.objectContaining({ field, ...(code ? { code } : {}) })]),
  );
}

/** The form of an email page: where it posts, its fields, whether it has a submit button. */
export function formIn(html: string): { action: string; fields: Record<string, string>; button: boolean } {
  const decode = (value: string) =>
    value
      .replace(/&#x3D;/g, '=')
      .replace(/&amp;/g, '&')
      .replace(/&#x27;|&#39;/g, "'")
      .replace(/&quot;/g, '"');
  const form = html.match(/<form method=["']post["'] action=["']([^"']*)["'][^>]*>([\s\S]*?)<\/form>/);
  if (!form) {
    throw new Error('the page has no form');
  }
  const fields: Record<string, string> = {};
  for (const input of form[2].matchAll(
    /<input[^>]*?name=["']([^"']+)["'](?:[^>]*?value=["']([^"']*)["'])?/g,
  )) {
    fields[input[1]] = decode(input[2] ?? '');
  }
  return {
    action: decode(form[1]),
    fields,
    button: /<button[^>]*type=["']submit["'][^>]*>\s*[^<\s][^<]*<\/button>/.test(form[2]),
  };
}
