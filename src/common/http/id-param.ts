import { ParseUUIDPipe } from '@nestjs/common';
import { CommonErrors } from '../errors/domain-error';

/** Path ids are UUIDs; a malformed one cannot name anything the caller may see, so it is a 404. */
export const IdPipe = new ParseUUIDPipe({ exceptionFactory: () => CommonErrors.notFound() });
