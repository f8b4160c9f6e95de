import { FastifyRequest } from 'fastify';
import { CommonErrors } from '../common/errors/domain-error';
import { sanitizeFileName } from './file-name';

export interface UploadedFile {
  /** As sent, cleaned by sanitizeFileName; may be empty. The stored name comes from storedFileName. */
  fileName: string;
  content: Buffer;
}

/**
 * Reads the one file of a multipart upload (part `file`). Size is bounded by UPLOAD_MAX_BYTES in the
 * multipart plugin (413 past it); the declared content type is ignored: the sniffer decides.
 */
export async function readUploadedFile(request: FastifyRequest): Promise<UploadedFile> {
  if (!request.isMultipart()) {
    throw CommonErrors.unsupportedMediaType();
  }
  const part = await request.file();
  if (!part || part.fieldname !== 'file') {
    throw CommonErrors.validation([
      { field: 'file', code: 'fileRequired', message: 'send the file in the part named "file"' },
    ]);
  }
  const content = await part.toBuffer();
  return { fileName: sanitizeFileName(part.filename), content };
}
