import { Response } from 'supertest';
import { TestContext, TestUser } from './test-app';

/** The PUBLIC_URL of test contexts: form posts must come from this origin. */
export const WEB_ORIGIN = 'http://portal.test';

export function cookieValue(response: Response, name: string): string | undefined {
  const cookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  const line = cookies.find((cookie) => cookie.startsWith(`${name}=`));
  return line?.slice(name.length + 1).split(';')[0];
}

export function csrfTokenOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) {
    throw new Error('no CSRF token in the page');
  }
  return match[1];
}

/**
 * A browser signed in to the website: its cookies, and form posts that carry the page's CSRF token
 * and the portal's Origin as a browser's would.
 */
export class WebBrowser {
  private constructor(
    private readonly ctx: TestContext,
    readonly cookie: string,
  ) {}

  static async signIn(ctx: TestContext, user: TestUser): Promise<WebBrowser> {
    const page = await ctx.http.get('/login');
    const cookie = `csrf=${cookieValue(page, 'csrf')}`;
    const response = await ctx.http
      .post('/login')
      .set('Cookie', cookie)
      .set('Origin', WEB_ORIGIN)
      .type('form')
      .send({ _csrf: csrfTokenOf(page.text), email: user.email, password: user.password });
    if (response.status !== 303) {
      throw new Error(`web sign-in failed: ${response.status}`);
    }
    return new WebBrowser(ctx, `${cookie}; session=${cookieValue(response, 'session')}`);
  }

  get(path: string, language = 'en') {
    return this.ctx.http.get(path).set('Cookie', this.cookie).set('Accept-Language', language);
  }

  /** Opens `formPage` for its token, then posts `fields` to `action` (as its form would). */
  async post(formPage: string, action: string, fields: Record<string, string> = {}): Promise<Response> {
    const token = csrfTokenOf((await this.get(formPage)).text);
    return this.postWithToken(action, { _csrf: token, ...fields });
  }

  /** A post with exactly these fields (no token unless given): for refusals. */
  postWithToken(action: string, fields: Record<string, string>, origin = WEB_ORIGIN) {
    return this.ctx.http
      .post(action)
      .set('Cookie', this.cookie)
      .set('Origin', origin)
      .set('Accept-Language', 'en')
      .type('form')
      .send(fields);
  }

  /** The banner the next page shows after a post/redirect/get: follows the 303 with the flash cookie. */
  async follow(response: Response): Promise<Response> {
    const flash = cookieValue(response, 'flash');
    return this.ctx.http
      .get(String(response.headers.location))
      .set('Cookie', flash ? `${this.cookie}; flash=${flash}` : this.cookie)
      .set('Accept-Language', 'en');
  }
}
