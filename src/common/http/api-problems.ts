import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request (each invalid member listed in `errors`)',
  401: 'Not signed in, or the token is invalid',
  403: 'Not allowed',
  404: 'Not found (or not visible to the caller)',
  409: 'Conflicts with the current state',
  413: 'Too large',
  415: 'Unsupported media type',
  416: 'Range not satisfiable (Content-Range gives the size)',
  429: 'Rate limited; see Retry-After',
  503: 'Overloaded; see Retry-After',
};

/** Documents the RFC 9457 error responses a route can give. */
export function ApiProblems(...statuses: number[]) {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status],
        content: {
          'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetailsDto' } },
        },
      }),
    ),
  );
}
