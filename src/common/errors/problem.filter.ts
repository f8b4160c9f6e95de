import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem, toDomainError } from './problem-response';

/** The website's error pages (src/web): they answer for the paths that are HTML pages. */
export interface HtmlErrorPages {
  handles(request: FastifyRequest): boolean;
  send(request: FastifyRequest, reply: FastifyReply, exception: unknown): Promise<void>;
}

/**
 * The one place where errors become HTTP responses: RFC 9457 problem details for the API, an error
 * page in the visitor's language for the website.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(
    private readonly problemBaseUrl: string,
    private readonly htmlPages?: HtmlErrorPages,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void | Promise<void> {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (this.htmlPages?.handles(request)) {
      return this.htmlPages.send(request, reply, exception).catch((pageError: unknown) => {
        const { error, errorId } = toDomainError(pageError, request.id);
        sendProblem(request, reply, error, this.problemBaseUrl, errorId);
      });
    }
    const { error, errorId } = toDomainError(exception, request.id);
    sendProblem(request, reply, error, this.problemBaseUrl, errorId);
  }
}
