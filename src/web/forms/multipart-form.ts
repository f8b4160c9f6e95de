import { Readable } from 'node:stream';
import type { Multipart, MultipartFile } from '@fastify/multipart';
import { FastifyReply, FastifyRequest } from 'fastify';
import { CommonErrors } from '../../common/errors/domain-error';

/**
 * A website form posted as multipart/form-data (WEB.md §2): `_csrf` is its first part, read and
 * checked by the web hook before any file byte is; the handler then reads the rest in order. A body
 * the handler does not read (a refusal, an error, a file past the size limit) is drained before the
 * answer, so the browser gets our page and not a connection reset; past twice the file limit it is
 * no longer read and the connection closes after the answer.
 */
interface OpenForm {
  parts: AsyncIterator<Multipart>;
  /** Request bytes received so far, against `drainCap`. */
  received: number;
  drainCap: number;
  /** The body passed the cap: nothing more is read and the connection closes after the answer. */
  overCap: boolean;
  /** Every part was read (or the body was given up): nothing is left in the socket. */
  finished: boolean;
  current?: Readable;
}

const forms = new WeakMap<FastifyRequest, OpenForm>();

/** Busboy's error for a file past `limits.fileSize` (@fastify/multipart's RequestFileTooLargeError). */
const FILE_TOO_LARGE = 'FST_REQ_FILE_TOO_LARGE';

/**
 * Starts reading a multipart form and returns its first part's value when that part is the `_csrf`
 * field (undefined otherwise: the token check then fails, and no file part has been read).
 */
export async function openMultipartForm(
  request: FastifyRequest,
  maxFileBytes: number,
): Promise<string | undefined> {
  const form: OpenForm = {
    parts: request.parts()[Symbol.asyncIterator](),
    received: 0,
    drainCap: 2 * maxFileBytes,
    overCap: false,
    finished: false,
  };
  forms.set(request, form);
  request.raw.on('data', (chunk: Buffer) => {
    form.received += chunk.length;
    if (form.received > form.drainCap && !form.overCap) {
      form.overCap = true;
      // Ends the part being read, and with it the parts iteration (busboy stops parsing).
      form.current?.destroy();
    }
  });
  const first = await nextPart(form);
  if (first?.type === 'file') {
    // Not read now: the token must come first. Drained (never stored) with the rest of the refused form.
    form.current = first.file;
  }
  return first?.type === 'field' && first.fieldname === '_csrf' && typeof first.value === 'string'
    ? first.value
    : undefined;
}

/** The form's next file part (fields before it are skipped), or undefined at the end. */
export async function nextFormFile(request: FastifyRequest): Promise<MultipartFile | undefined> {
  const form = openForm(request);
  for (let part = await nextPart(form); part; part = await nextPart(form)) {
    if (part.type === 'file') {
      form.current = part.file;
      return part;
    }
  }
  return undefined;
}

/** A file part's bytes; past the size limit, the 413 the page explains (the rest is drained later). */
export async function readFormFile(part: MultipartFile): Promise<Buffer> {
  try {
    return await part.toBuffer();
  } catch (error) {
    if ((error as { code?: unknown }).code === FILE_TOO_LARGE || part.file.destroyed) {
      throw CommonErrors.payloadTooLarge();
    }
    throw error;
  }
}

/**
 * Reads and discards what is left of the form, so that the answer reaches the browser. Call it
 * before answering; past the cap it stops and asks for the connection to close.
 */
export async function drainMultipartForm(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const form = forms.get(request);
  if (!form || form.finished) {
    return;
  }
  if (form.current && !form.current.readableEnded && !form.current.destroyed) {
    await discard(form.current);
  }
  for (let part = await nextPart(form); part && !form.overCap; part = await nextPart(form)) {
    if (part.type === 'file') {
      form.current = part.file;
      await discard(part.file);
    }
  }
  form.finished = true;
  if (form.overCap) {
    void reply.header('Connection', 'close');
  }
}

/** For answers sent without draining (another handler's route): never leave bytes in a kept-alive socket. */
export function closeIfUndrained(request: FastifyRequest, reply: FastifyReply): void {
  const form = forms.get(request);
  if (form && (!form.finished || form.overCap)) {
    void reply.header('Connection', 'close');
  }
}

function openForm(request: FastifyRequest): OpenForm {
  const form = forms.get(request);
  if (!form) {
    throw new Error('multipart form not opened: the web hook reads its _csrf part first');
  }
  return form;
}

/** The next part; the end, or a broken or over-limit body, ends the form (its error is ours to word). */
async function nextPart(form: OpenForm): Promise<Multipart | undefined> {
  if (form.finished || form.overCap) {
    form.finished = true;
    return undefined;
  }
  try {
    const next = await form.parts.next();
    if (next.done) {
      form.finished = true;
      return undefined;
    }
    return next.value;
  } catch {
    form.finished = true;
    return undefined;
  }
}

async function discard(stream: Readable): Promise<void> {
  try {
    for await (const chunk of stream) {
      void chunk;
    }
  } catch {
    // A truncated or destroyed part: there is nothing more of it to read.
  }
}
