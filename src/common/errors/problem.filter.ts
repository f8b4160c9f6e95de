import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem, toDomainError } from './problem-response';

/** The one place where errors become HTTP responses (RFC 9457 problem details). */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly problemBaseUrl: string) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const { error, errorId } = toDomainError(exception, request.id);
    sendProblem(request, http.getResponse<FastifyReply>(), error, this.problemBaseUrl, errorId);
  }
}
