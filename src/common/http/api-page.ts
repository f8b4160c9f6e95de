import { ApiResponse } from '@nestjs/swagger';

/** Documents an HTML page answer of the email-link routes (their errors are pages too, not problems). */
export const ApiPage = (status: number, description: string) =>
  ApiResponse({ status, description, content: { 'text/html': { schema: { type: 'string' } } } });
