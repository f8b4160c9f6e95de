import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyStatic from '@fastify/static';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Keyring } from '../common/crypto/keyring';
import { projectPath } from '../common/project-path';
import { AppConfig } from '../config/app-config';
import { WebErrors } from './errors/web-errors';
import { closeIfUndrained, drainMultipartForm, openMultipartForm } from './forms/multipart-form';
import { csrfUserInfo, WebRenderer } from './render/web-renderer';
import { isWebPath, needsCsrfCheck } from './web-state';
import { WebRequestHook } from './web-request.hook';

/**
 * The website's Fastify plumbing, registered before the routes: cookies, CSRF tokens, hashed static
 * assets, and the hook that loads the session and the language and refuses a forged form post
 * before the handler runs.
 */
export async function configureWeb(app: NestFastifyApplication): Promise<void> {
  const renderer = app.get(WebRenderer);
  const hook = app.get(WebRequestHook);
  await app.register(fastifyCookie);
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: renderer.cookies.csrf,
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure: renderer.secureCookies },
    getUserInfo: csrfUserInfo,
    // The form field only: a header would let any script on a page of ours post as the user too.
    getToken: (request) => (request.body as Record<string, unknown> | undefined)?._csrf as string | undefined,
    csrfOpts: { hmacKey: app.get(Keyring).subkey('web-csrf') },
  });
  // Named by content hash, so a file never changes: cached for a year, served precompressed.
  await app.register(fastifyStatic, {
    root: projectPath('dist', 'assets'),
    prefix: '/assets/',
    decorateReply: false,
    preCompressed: true,
    immutable: true,
    maxAge: '365d',
    index: false,
    allowedPath: (pathName) => !pathName.endsWith('manifest.json'),
  });
  const fastify = app.getHttpAdapter().getInstance();
  const maxFileBytes = app.get(AppConfig).storage.uploadMaxBytes;
  fastify.addHook('preHandler', (request, reply, done) => {
    if (!isWebPath(request.url)) {
      done();
      return;
    }
    hook
      .attach(request, reply)
      .then(() => {
        if (!needsCsrfCheck(request)) {
          done();
          return;
        }
        hook.assertSameOrigin(request);
        if (request.isMultipart()) {
          checkMultipartToken(fastify, request, reply, maxFileBytes).then(() => done(), done);
          return;
        }
        // Answers 403 itself (through the error pages) when the token is missing or wrong.
        fastify.csrfProtection(request, reply, done);
      })
      .catch(done);
  });
  fastify.addHook('onSend', (request, reply, payload, done) => {
    closeIfUndrained(request, reply);
    done(null, payload);
  });
}

/**
 * A multipart form's token is its first part (WEB.md §2): read and checked before any file byte,
 * by the same plugin as every other form. A refused form is drained so the 403 page arrives.
 */
async function checkMultipartToken(
  fastify: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  maxFileBytes: number,
): Promise<void> {
  request.body = { _csrf: await openMultipartForm(request, maxFileBytes) };
  let valid = false;
  // The plugin answers a refusal through `reply.send`; this probe only records the verdict.
  const probe = { send: () => undefined } as unknown as FastifyReply;
  fastify.csrfProtection(request, probe, () => {
    valid = true;
  });
  if (!valid) {
    await drainMultipartForm(request, reply);
    throw WebErrors.crossOrigin();
  }
}
