import {
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger';

/**
 * What every operation shares, added to the generated document in one place rather than on each of
 * ~70 handlers: the 500 problem (with its errorId), the 400 problem wherever input is validated, the
 * Retry-After header of 429 and 503, UUID path ids, and the upload size limit.
 */
export interface ContractLimits {
  uploadMaxBytes: number;
}

const PROBLEM = { $ref: '#/components/schemas/ProblemDetailsDto' };
const RETRY_AFTER = {
  description: 'Seconds to wait before trying again',
  schema: { type: 'integer', minimum: 0, maximum: 86_400, format: 'int32' },
} as const;
const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

export function addSharedContract(document: OpenAPIObject, limits: ContractLimits): OpenAPIObject {
  document.components ??= {};
  document.components.responses = {
    ...document.components.responses,
    InternalError: problemResponse('Unexpected error: quote `errorId` to support (the error is logged)'),
    ValidationFailed: problemResponse('Invalid request (each invalid member listed in `errors`)'),
  };
  boundUuids(document);
  for (const path of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = path[method];
      if (operation) {
        hardenOperation(operation, limits);
      }
    }
  }
  return document;
}

function hardenOperation(operation: OperationObject, limits: ContractLimits): void {
  const responses = operation.responses;
  responses['500'] ??= { $ref: '#/components/responses/InternalError' };
  const parameters = (operation.parameters ?? []) as ParameterObject[];
  // Query members and bodies go through the validation pipe, which refuses unknown or invalid ones.
  if (operation.requestBody || parameters.some((parameter) => parameter.in === 'query')) {
    responses['400'] ??= { $ref: '#/components/responses/ValidationFailed' };
  }
  for (const status of ['429', '503']) {
    const response = responses[status] as ResponseObject | undefined;
    if (response && !('$ref' in response)) {
      response.headers = { 'Retry-After': RETRY_AFTER, ...response.headers };
    }
  }
  for (const parameter of parameters) {
    // Every path id goes through IdPipe (ParseUUIDPipe): anything but a UUID is a 404.
    if (parameter.in === 'path') {
      parameter.schema = { type: 'string', format: 'uuid', maxLength: 36 };
    }
  }
  boundUploads(operation, limits);
}

/** Multipart file parts: UPLOAD_MAX_BYTES is enforced by @fastify/multipart (413 past it). */
function boundUploads(operation: OperationObject, limits: ContractLimits): void {
  const body = operation.requestBody;
  const schema = body && !('$ref' in body) ? body.content['multipart/form-data']?.schema : undefined;
  for (const property of Object.values(isSchema(schema) ? (schema.properties ?? {}) : {})) {
    if (isSchema(property) && property.format === 'binary') {
      property.maxLength = limits.uploadMaxBytes;
    }
  }
}

/** A UUID is 36 characters by definition; IsUUID enforces the format wherever one is accepted. */
function boundUuids(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(boundUuids);
  } else if (node !== null && typeof node === 'object') {
    const schema = node as SchemaObject;
    if (schema.type === 'string' && schema.format === 'uuid') {
      schema.maxLength ??= 36;
    }
    Object.values(node).forEach(boundUuids);
  }
}

function isSchema(schema: SchemaObject | ReferenceObject | undefined): schema is SchemaObject {
  return schema !== undefined && !('$ref' in schema);
}

function problemResponse(description: string): ResponseObject {
  return { description, content: { 'application/problem+json': { schema: PROBLEM } } };
}
