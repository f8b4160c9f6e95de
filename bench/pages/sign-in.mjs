// The demo voter signed in on both sides, for the page benchmarks: a website session (the CSRF
// cookie and the session cookie, as a browser holds them) and an API bearer token.
import { request as httpRequest } from 'node:http';

/** The body as sent (not decoded), its status and headers. */
export function raw(url, headers) {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const req = httpRequest(
      { host: target.hostname, port: target.port, path: target.pathname + target.search, headers },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Signs the demo voter in on the website (CSRF token and Origin as a browser sends them). */
export async function webSession(url) {
  const form = await raw(`${url}/login`, { 'accept-language': 'ru' });
  const csrfCookie = [form.headers['set-cookie']]
    .flat()
    .find((c) => c.startsWith('csrf='))
    ?.split(';')[0];
  const token = /name="_csrf" value="([^"]+)"/.exec(form.body.toString())?.[1];
  const body = new URLSearchParams({
    _csrf: token,
    email: 'voter@demo.kg',
    password: 'demo voter passphrase',
    returnTo: '/',
  }).toString();
  const target = new URL(`${url}/login`);
  const session = await new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: '/login',
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie: csrfCookie,
          origin: url,
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        resolve(
          [res.headers['set-cookie']]
            .flat()
            .find((c) => c?.startsWith('session='))
            ?.split(';')[0],
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
  if (!session) throw new Error('the demo voter could not sign in on the website');
  return `${csrfCookie}; ${session}`;
}

export async function apiToken(url) {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'voter@demo.kg', password: 'demo voter passphrase' }),
  });
  if (!response.ok) throw new Error(`API sign-in failed: ${response.status}`);
  return (await response.json()).accessToken;
}
