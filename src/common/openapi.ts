import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { AppConfig } from '../config/app-config';
import { ProblemDetailsDto } from './errors/problem-details';
import { addSharedContract } from './openapi-contract';

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
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description:
        'Access token from /auth/login or /auth/refresh: a JWS signed with HS256 only (no `alg: none`, no ' +
        'other algorithm), short-lived, checked against the account on every request; conforms to RFC8725.',
    })
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ProblemDetailsDto] });
  return addSharedContract(document, { uploadMaxBytes: app.get(AppConfig).storage.uploadMaxBytes });
}
