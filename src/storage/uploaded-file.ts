import { FastifyRequest } from 'fastify';
import { CommonErrors } from '../common/errors/domain-error';

export interface UploadedFile {
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

/** Keeps a readable name for Content-Disposition, without paths or control characters. */
function sanitizeFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = [...base]
    .filter((char) => char.charCodeAt(0) >= 0x20 && char !== '\u007f' && char !== '"')
    .join('')
    .trim()
    .slice(0, 200);
  return cleaned || 'file';
}
