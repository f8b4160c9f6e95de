import { randomUUID } from 'node:crypto';
import { Socket } from 'node:net';
import multipart from '@fastify/multipart';
import { Logger, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import { AppModule, AppModuleOptions } from './app.module';
import { CommonErrors, DomainError } from './common/errors/domain-error';
import { ProblemFilter } from './common/errors/problem.filter';
import { sendProblem } from './common/errors/problem-response';
import { createValidationPipe } from './common/http/validation.pipe';
import { writesLevel } from './common/logging/json-logger';
import { buildOpenApiDocument } from './common/openapi';
import { AppConfig } from './config/app-config';
import { WebErrorPages } from './web/errors/web-error-pages';
import { govukInlineScriptHash } from './web/render/template-script-hash';
import { configureWeb } from './web/web.setup';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Builds the configured application (not yet listening). Shared by main, the tests and the tooling. */
export async function createApp(
  config: AppConfig,
  options: AppModuleOptions,
  logger: LoggerService,
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.http.bodyLimitBytes,
    trustProxy: config.http.trustedProxies.length > 0 ? config.http.trustedProxies : false,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    // Idle keep-alive sockets close at shutdown so draining does not wait for them.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    clientErrorHandler: answerUnparsableRequest,
    // Fastify answers these before any route (plain JSON otherwise): problems too.
    frameworkErrors: (error: Error & { code?: string }, request: FastifyRequest, reply: FastifyReply) =>
      sendProblem(request, reply, frameworkError(error), config.http.publicUrl),
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options), adapter, {
    logger,
    bufferLogs: false,
    abortOnError: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  configureFastify(fastify, config);
  // One file per upload request, bounded by UPLOAD_MAX_BYTES (413 past it).
  await app.register(multipart, {
    limits: { fileSize: config.storage.uploadMaxBytes, files: 1, fields: 5, parts: 6 },
    throwFileSizeLimit: true,
  });
  app.enableCors({
    origin: config.http.corsOrigins.length > 0 ? config.http.corsOrigins : false,
    maxAge: 600,
  });
  app.useGlobalPipes(createValidationPipe());
  await configureWeb(app);
  app.useGlobalFilters(new ProblemFilter(config.http.publicUrl, app.get(WebErrorPages)));
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
  return app;
}

/**
 * Every path parameter is an id (a UUID): one past Fastify's maxParamLength names nothing, like any
 * malformed id (404); a path with broken percent-encoding is a 400.
 */
function frameworkError(error: Error & { code?: string }): DomainError {
  return error.code === 'FST_ERR_MAX_PARAM_LENGTH'
    ? CommonErrors.notFound()
    : CommonErrors.validation([{ field: 'path', code: 'malformedUrl', message: 'the URL is not valid' }]);
}

/**
 * A request Node cannot even parse (e.g. raw non-ASCII bytes in the URL) never reaches a route: it
 * still gets a problem-details answer.
 */
function answerUnparsableRequest(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) {
    return;
  }
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const body = JSON.stringify({
    type: 'about:blank',
    title: 'Malformed request',
    status,
    detail: 'The request could not be parsed',
    code: 'malformed_request',
  });
  socket.end(
    `HTTP/1.1 ${status} Bad Request\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Errors Fastify raises itself (body parsing, size limits) reach ProblemFilter through Nest's handler. */
function configureFastify(fastify: FastifyInstance, config: AppConfig): void {
  // The API speaks JSON (and the email pages post forms): a text/plain body is 415, not a string.
  fastify.removeContentTypeParser('text/plain');
  // Security headers from helmet's middleware, built once (@fastify/helmet rebuilt it, parsing the
  // CSP again, on every request: measurable on the catalog's hot path).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // GOV.UK Frontend's template has one inline script, allowed by its hash (WEB.md §2).
        scriptSrc: ["'self'", govukInlineScriptHash()],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // Over plain http (development, tests) it would send the browser to https for every asset.
        upgradeInsecureRequests: config.http.publicUrl.startsWith('https:') ? [] : null,
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });
  fastify.addHook('onRequest', (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, () => done()),
  );
  fastify.addHook('onSend', (request, reply, payload, done) => {
    void reply.header('X-Request-Id', request.id);
    done(null, payload);
  });
  // The access line is written at info: at a quieter LOG_LEVEL the hook would build it on every
  // request only for the logger to drop it (bench:vote runs at warn).
  if (writesLevel(config.logLevel, 'info')) {
    logAccess(fastify);
  }
}

function logAccess(fastify: FastifyInstance): void {
  const access = new Logger('HTTP');
  fastify.addHook('onResponse', (request, reply, done) => {
    // The path only: query strings may carry tokens. Never the client address.
    access.log(
      {
        requestId: request.id,
        method: request.method,
        path: request.url.split('?')[0],
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
    done();
  });
}
