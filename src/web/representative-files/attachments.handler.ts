import { Injectable } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { AuthUser } from '../../common/auth/auth-user';
import { CommonErrors, DomainError } from '../../common/errors/domain-error';
import { AppConfig } from '../../config/app-config';
import { sendDownload } from '../../practices/attachments.controller';
import { AttachmentsService } from '../../practices/attachments.service';
import { isEditable } from '../../practices/practice-status';
import { PracticeErrors } from '../../practices/practices.errors';
import { sanitizeFileName } from '../../storage/file-name';
import { UploadedFile } from '../../storage/uploaded-file';
import { drainMultipartForm, nextFormFile, readFormFile } from '../forms/multipart-form';
import { SmallThumbnails } from '../public/small-thumbnails';
import { WebRenderer } from '../render/web-renderer';
import { webState } from '../web-state';
import {
  attachmentsPage,
  attachmentsPath,
  isUploadRefusal,
  REFUSAL_BY_CODE,
  removePage,
  UploadRefusal,
} from './attachments.view';
import { OwnedPractices } from './owned-practices';

/** A draft's picture stays out of every cache: offices and libraries share computers. */
const PRIVATE_FILE_CACHE = 'private, no-store';

/**
 * `/my/practices/:id/attachments`: the practice's files, added without JavaScript through a
 * multipart form (its `_csrf` part already checked by the web hook) and removed after a
 * confirmation. The attachments service keeps every rule (owner, editable status, count, type).
 */
@Injectable()
export class AttachmentsHandler {
  private readonly maxFileBytes: number;

  constructor(
    private readonly web: WebRenderer,
    private readonly owned: OwnedPractices,
    private readonly attachments: AttachmentsService,
    private readonly thumbnails: SmallThumbnails,
    config: AppConfig,
  ) {
    this.maxFileBytes = config.storage.uploadMaxBytes;
  }

  async page(request: FastifyRequest, reply: FastifyReply, practiceId: string): Promise<void> {
    const context = this.web.context(request);
    const practice = await this.owned.require(context.user!, practiceId, context.locale);
    const error = (request.query as Record<string, unknown> | undefined)?.error;
    const refusal = isUploadRefusal(error) ? error : undefined;
    await this.web.send(request, reply, attachmentsPage(context, practice, this.maxFileBytes, refusal));
  }

  /**
   * One file. A refusal the form can explain (type, size, count, no file) goes back to the page
   * with its message; any other (someone else's practice, not editable) is its error page. Either
   * way the body is drained first, so the browser sees the answer.
   */
  async upload(request: FastifyRequest, reply: FastifyReply, practiceId: string): Promise<void> {
    const user = webState(request).user!;
    const refusal = await this.tryUpload(request, user, practiceId).catch(async (error: unknown) => {
      await drainMultipartForm(request, reply);
      throw error;
    });
    await drainMultipartForm(request, reply);
    const back = attachmentsPath(practiceId);
    if (refusal) {
      this.web.redirect(reply, `${back}?error=${refusal}`);
      return;
    }
    this.web.redirect(reply, back, 'myFiles.attachments.added');
  }

  private async tryUpload(
    request: FastifyRequest,
    user: AuthUser,
    practiceId: string,
  ): Promise<UploadRefusal | undefined> {
    await this.owned.require(user, practiceId, webState(request).locale);
    try {
      await this.attachments.upload(user, practiceId, () => receiveFile(request));
      return undefined;
    } catch (error) {
      const refusal = error instanceof DomainError ? refusalOf(error) : undefined;
      if (!refusal) {
        throw error;
      }
      return refusal;
    }
  }

  async confirmRemoval(
    request: FastifyRequest,
    reply: FastifyReply,
    practiceId: string,
    attachmentId: string,
  ): Promise<void> {
    const context = this.web.context(request);
    const practice = await this.owned.require(context.user!, practiceId, context.locale);
    const attachment = practice.attachments.find((a) => a.id === attachmentId);
    if (!attachment) {
      throw CommonErrors.notFound();
    }
    if (!isEditable(practice.status)) {
      throw PracticeErrors.wrongStatus(practice.status, 'delete a file');
    }
    await this.web.send(request, reply, removePage(context, practice, attachment));
  }

  async remove(
    request: FastifyRequest,
    reply: FastifyReply,
    practiceId: string,
    attachmentId: string,
  ): Promise<void> {
    const { user, locale } = webState(request);
    await this.owned.require(user!, practiceId, locale);
    await this.attachments.remove(user!, practiceId, attachmentId);
    this.web.redirect(reply, attachmentsPath(practiceId), 'myFiles.attachments.removed');
  }

  async smallThumbnail(
    request: FastifyRequest,
    reply: FastifyReply,
    practiceId: string,
    attachmentId: string,
  ): Promise<void> {
    const { user, locale } = webState(request);
    await this.owned.require(user!, practiceId, locale);
    const image = await this.thumbnails.get(practiceId, attachmentId, user);
    await reply
      .header('Content-Type', 'image/webp')
      .header('Cache-Control', PRIVATE_FILE_CACHE)
      .header('X-Content-Type-Options', 'nosniff')
      .send(image);
  }

  async file(
    request: FastifyRequest,
    reply: FastifyReply,
    practiceId: string,
    attachmentId: string,
  ): Promise<void> {
    const { user, locale } = webState(request);
    await this.owned.require(user!, practiceId, locale);
    sendDownload(reply, await this.attachments.download(user, practiceId, attachmentId, false));
  }
}

/** The form's file part; a form sent without choosing a file has an empty one. */
async function receiveFile(request: FastifyRequest): Promise<UploadedFile> {
  const part = await nextFormFile(request);
  const content = part ? await readFormFile(part) : Buffer.alloc(0);
  if (!part || content.length === 0) {
    throw CommonErrors.validation([{ field: 'file', code: 'fileRequired', message: 'choose a file' }]);
  }
  return { fileName: sanitizeFileName(part.filename), content };
}

function refusalOf(error: DomainError): UploadRefusal | undefined {
  if (error.code === 'validation_failed') {
    return error.options.errors?.some((e) => e.field === 'file') ? 'fileRequired' : undefined;
  }
  return REFUSAL_BY_CODE[error.code];
}
