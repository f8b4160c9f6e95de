import { Response } from 'supertest';
import { TestContext, TestUser } from './test-app';

/** The Origin a browser sends with a same-site form post (PUBLIC_URL in tests). */
export const WEB_ORIGIN = 'http://portal.test';

function cookieOf(response: Response, name: string): string | undefined {
  const cookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  const line = cookies.find((cookie) => cookie.startsWith(`${name}=`));
  return line?.slice(name.length + 1).split(';')[0];
}

/** The CSRF token of the first form of a page. */
export function csrfTokenIn(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) {
    throw new Error('no CSRF token in the page');
  }
  return match[1];
}

/**
 * A browser's session on the website, driven with supertest: signed in through the sign-in form,
 * it keeps the session and CSRF cookies, reads pages in one language and posts forms as a browser
 * does (Origin, the page's token). `post` without a token is how a test sends a forged form.
 */
export class WebSessionAgent {
  private constructor(
    private readonly ctx: TestContext,
    private cookie: string,
    readonly language: string,
  ) {}

  static async signIn(ctx: TestContext, user: TestUser, language = 'en'): Promise<WebSessionAgent> {
    const form = await ctx.http.get('/login');
    const csrf = `csrf=${cookieOf(form, 'csrf')}`;
    const response = await ctx.http
      .post('/login')
      .set('Cookie', csrf)
      .set('Origin', WEB_ORIGIN)
      .type('form')
      .send({
        _csrf: csrfTokenIn(form.text),
        email: user.email,
        password: user.password,
        returnTo: '/account',
      });
    if (response.status !== 303) {
      throw new Error(`web sign-in failed: ${response.status}`);
    }
    return new WebSessionAgent(ctx, `${csrf}; session=${cookieOf(response, 'session')}`, language);
  }

  /** A visitor who is not signed in. */
  static anonymous(ctx: TestContext, language = 'en'): WebSessionAgent {
    return new WebSessionAgent(ctx, '', language);
  }

  get(path: string): Promise<Response> {
    return this.keepFlash(
      this.ctx.http.get(path).set('Cookie', this.cookie).set('Accept-Language', this.language),
    );
  }

  /** Posts a form with the token of the page at `from` (as the browser would after opening it). */
  async submit(from: string, action: string, fields: Record<string, string>): Promise<Response> {
    const page = await this.get(from);
    return this.post(action, { _csrf: csrfTokenIn(page.text), ...fields });
  }

  post(action: string, fields: Record<string, string>): Promise<Response> {
    return this.keepFlash(
      this.ctx.http
        .post(action)
        .set('Cookie', this.cookie)
        .set('Origin', WEB_ORIGIN)
        .set('Accept-Language', this.language)
        .type('form')
        .send(fields),
    );
  }

  /** A redirect's confirmation banner travels in a cookie to the next page, as in a browser. */
  private async keepFlash(pending: PromiseLike<Response>): Promise<Response> {
    const response = await pending;
    const flash = cookieOf(response, 'flash');
    this.cookie = this.cookie.replace(/(; )?flash=[^;]*/, '');
    if (flash) {
      this.cookie = `${this.cookie}; flash=${flash}`;
    }
    return response;
  }
}
