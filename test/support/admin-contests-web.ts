import { Response } from 'supertest';
import { csrfTokenIn, WEB_ORIGIN, webSessionCookies } from './signed-in-web';
import { TestContext, TestUser } from './test-app';

export { csrfTokenIn as csrfTokenOf };

/**
 * A signed-in browser as supertest sees it: a cookie jar (so a redirect's flash banner shows on the
 * next page), and form posts that carry a fresh token.
 */
export class WebBrowser {
  private readonly jar = new Map<string, string>();

  private constructor(
    private readonly ctx: TestContext,
    cookies: string,
  ) {
    for (const pair of cookies.split('; ')) {
      const [name, value] = pair.split('=');
      this.jar.set(name, value);
    }
  }

  get cookies(): string {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private remember(response: Response): Response {
    for (const line of ([] as string[]).concat(response.headers['set-cookie'] ?? [])) {
      const [pair] = line.split(';');
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      if (value === '' || /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(line)) {
        this.jar.delete(name);
      } else {
        this.jar.set(name, value);
      }
    }
    return response;
  }

  static async signIn(ctx: TestContext, user: TestUser): Promise<WebBrowser> {
    return new WebBrowser(ctx, await webSessionCookies(ctx, user));
  }

  async get(path: string, lang = 'en'): Promise<Response> {
    return this.remember(
      await this.ctx.http.get(path).set('Cookie', this.cookies).set('Accept-Language', lang),
    );
  }

  /** Opens `formPage` for its token, then posts `fields` (with that token) to `action`. */
  async post(
    formPage: string,
    action: string,
    fields: Record<string, string>,
    lang = 'en',
  ): Promise<Response> {
    const page = await this.get(formPage, lang);
    return this.postWithToken(action, { _csrf: csrfTokenIn(page.text), ...fields }, lang);
  }

  async postWithToken(action: string, fields: Record<string, string>, lang = 'en'): Promise<Response> {
    return this.remember(
      await this.ctx.http
        .post(action)
        .set('Cookie', this.cookies)
        .set('Origin', WEB_ORIGIN)
        .set('Accept-Language', lang)
        .type('form')
        .send(fields),
    );
  }
}
