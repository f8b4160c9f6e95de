import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ProblemDetailsDto } from './errors/problem-details';

/** The OpenAPI document; `npm run openapi:generate` commits it, CI fails when it drifts. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Best-practice portal API')
    .setDescription(
      'Municipal best practices, moderation, contests and verified voting. Errors are RFC 9457 problem ' +
        'details (application/problem+json). Languages: `?lang=` (ky, ru, en), then Accept-Language, then ' +
        "the user's locale, then Russian.",
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  return SwaggerModule.createDocument(app, config, { extraModels: [ProblemDetailsDto] });
}
