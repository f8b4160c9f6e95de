import { Response } from 'supertest';
import { TestContext, TestUser } from './test-app';

/** The portal's public URL in the test configuration: a form post's Origin must match it. */
export const WEB_ORIGIN = 'http://portal.test';

export function cookieValue(response: Response, name: string): string | undefined {
  const cookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  const line = cookies.find((cookie) => cookie.startsWith(`${name}=`));
  return line?.slice(name.length + 1).split(';')[0];
}

export function csrfTokenIn(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) {
    throw new Error('no CSRF token in the page');
  }
  return match[1];
}

/**
 * Signs in through the sign-in form as a browser does (its CSRF cookie and token, the Origin) and
 * returns the cookies that carry the session: `csrf=…; session=…`.
 */
export async function webSessionCookies(
  ctx: TestContext,
  user: Pick<TestUser, 'email' | 'password'>,
  returnTo = '/',
): Promise<string> {
  const form = await ctx.http.get('/login');
  const csrf = `csrf=${cookieValue(form, 'csrf')}`;
  const response = await ctx.http
    .post('/login')
    .set('Cookie', csrf)
    .set('Origin', WEB_ORIGIN)
    .type('form')
    .send({ _csrf: csrfTokenIn(form.text), email: user.email, password: user.password, returnTo });
  if (response.status !== 303) {
    throw new Error(`web sign-in failed: ${response.status}`);
  }
  return `${csrf}; session=${cookieValue(response, 'session')}`;
}

/**
 * A browser's session on the website, through supertest: signed in by the sign-in form, it keeps
 * the CSRF and session cookies, and posts forms with the token of the page they are on.
 */
export class SignedInWeb {
  private constructor(
    private readonly ctx: TestContext,
    private readonly cookie: string,
  ) {}

  static async signIn(ctx: TestContext, user: Pick<TestUser, 'email' | 'password'>): Promise<SignedInWeb> {
    return new SignedInWeb(ctx, await webSessionCookies(ctx, user));
  }

  get(path: string) {
    return this.ctx.http.get(path).set('Cookie', this.cookie);
  }

  /** Posts `fields` as the form on `page` would (with its CSRF token), or with none when `token` is null. */
  post(path: string, fields: Record<string, string>, token: string | null) {
    return this.ctx.http
      .post(path)
      .set('Cookie', this.cookie)
      .set('Origin', WEB_ORIGIN)
      .type('form')
      .send(token === null ? fields : { _csrf: token, ...fields });
  }

  /** Opens `formPath` for its token, then posts `fields` to `action` (the form's own path by default). */
  async submit(formPath: string, fields: Record<string, string>, action = formPath.split('?')[0]) {
    const page = await this.get(formPath);
    if (page.status !== 200) {
      throw new Error(`${formPath} answered ${page.status}`);
    }
    return this.post(action, fields, csrfTokenIn(page.text));
  }
}
