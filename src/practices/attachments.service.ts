import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthUser } from '../common/auth/auth-user';
import { DomainError } from '../common/errors/domain-error';
import { RateLimiter, RateRule, rateRules } from '../common/rate-limit/rate-limiter.service';
import { AppConfig } from '../config/app-config';
import { FileStorage, newStorageKey } from '../storage/file-storage';
import { storedFileName } from '../storage/file-name';
import { SniffedType, sniffFileType, SniffResult } from '../storage/file-type';
import { ImageProcessor } from '../storage/image-processing';
import { StorageErrors } from '../storage/storage.errors';
import { UploadedFile } from '../storage/uploaded-file';
import { AttachmentDto } from './dto/practice.dto';
import { PracticeAttachment } from './entities/practice-attachment.entity';
import { Practice } from './entities/practice.entity';
import { PracticeAccess } from './practice-access';
import { toAttachmentDto } from './practice.mapper';
import { isEditable } from './practice-status';
import { PracticeErrors } from './practices.errors';

export const MAX_ATTACHMENTS = 10;

const tooManyAttachments = () =>
  new DomainError(409, 'too_many_attachments', {
    en: `A practice has at most ${MAX_ATTACHMENTS} files`,
    ru: `У практики может быть не более ${MAX_ATTACHMENTS} файлов`,
    ky: `Тажрыйбада ${MAX_ATTACHMENTS} файлдан ашпашы керек`,
  });

const attachmentNotFound = () =>
  new DomainError(404, 'attachment_not_found', {
    en: 'File not found',
    ru: 'Файл не найден',
    ky: 'Файл табылган жок',
  });

interface StoredFile {
  kind: 'image' | 'document';
  mimeType: string;
  storageKey: string;
  thumbnailKey: string | null;
  sizeBytes: number;
  width: number | null;
  height: number | null;
}

export interface Download {
  content: Buffer;
  mimeType: string;
  fileName: string;
  isPublic: boolean;
}

/**
 * Photos and documents of a practice. The type comes from the content (magic bytes), never from the
 * name, and the stored name's extension follows it; photos are re-encoded without their metadata
 * (EXIF, GPS) and given a thumbnail.
 */
@Injectable()
export class AttachmentsService {
  private readonly logger = new Logger(AttachmentsService.name);
  private readonly uploadsPerUser: RateRule;

  constructor(
    private readonly dataSource: DataSource,
    private readonly access: PracticeAccess,
    private readonly storage: FileStorage,
    private readonly images: ImageProcessor,
    private readonly rateLimiter: RateLimiter,
    config: AppConfig,
  ) {
    this.uploadsPerUser = rateRules(config).uploadsPerUser;
  }

  /**
   * `receive` reads the request body. It is called only once the caller is known to be allowed to
   * add a file here and within their upload limit, so a refused upload costs no buffering, sniffing
   * or decoding.
   */
  async upload(
    caller: AuthUser,
    practiceId: string,
    receive: () => Promise<UploadedFile>,
  ): Promise<AttachmentDto> {
    await this.requireRoomForUpload(caller, practiceId);
    await this.rateLimiter.consume(this.uploadsPerUser, caller.id);
    const upload = await receive();
    const type = acceptedType(sniffFileType(upload.content));
    const stored = await this.store(type, upload.content);
    try {
      const attachment = await this.dataSource.transaction(async (manager) => {
        const practice = await this.access.requireOwnerForUpdate(manager, caller, practiceId);
        assertTakesFiles(practice, await manager.countBy(PracticeAttachment, { practiceId }));
        return manager.getRepository(PracticeAttachment).save({
          practiceId,
          fileName: storedFileName(upload.fileName, type),
          uploadedBy: caller.id,
          ...stored,
        });
      });
      this.logger.log(
        { practiceId, attachmentId: attachment.id, kind: attachment.kind },
        'attachment uploaded',
      );
      return toAttachmentDto(attachment);
    } catch (error) {
      await this.discard(stored);
      throw error;
    }
  }

  /** The checks the upload transaction repeats under lock, made early and without one. */
  private async requireRoomForUpload(caller: AuthUser, practiceId: string): Promise<void> {
    const practice = await this.access.requireOwner(caller, practiceId);
    assertTakesFiles(
      practice,
      await this.dataSource.getRepository(PracticeAttachment).countBy({ practiceId }),
    );
  }

  async download(
    caller: AuthUser | undefined,
    practiceId: string,
    attachmentId: string,
    thumbnail: boolean,
  ): Promise<Download> {
    const practice = await this.access.requireReadable(caller, practiceId);
    const attachment = await this.dataSource
      .getRepository(PracticeAttachment)
      .findOneBy({ id: attachmentId, practiceId });
    const key = thumbnail ? attachment?.thumbnailKey : attachment?.storageKey;
    const content = key ? await this.storage.get(key) : undefined;
    if (!attachment || !content) {
      throw attachmentNotFound();
    }
    return {
      content,
      mimeType: attachment.mimeType,
      fileName: attachment.fileName,
      isPublic: practice.status === 'published',
    };
  }

  async remove(caller: AuthUser, practiceId: string, attachmentId: string): Promise<void> {
    const removed = await this.dataSource.transaction(async (manager) => {
      const practice = await this.access.requireOwnerForUpdate(manager, caller, practiceId);
      if (!isEditable(practice.status)) {
        throw PracticeErrors.wrongStatus(practice.status, 'delete a file');
      }
      const attachment = await manager.findOneBy(PracticeAttachment, { id: attachmentId, practiceId });
      if (!attachment) {
        throw attachmentNotFound();
      }
      await manager.delete(PracticeAttachment, { id: attachmentId });
      return attachment;
    });
    await this.discard(removed);
  }

  private async store(type: SniffedType, content: Buffer): Promise<StoredFile> {
    if (type.kind === 'document') {
      const storageKey = newStorageKey(type.extension);
      await this.storage.put(storageKey, content, type.mime);
      return {
        kind: 'document',
        mimeType: type.mime,
        storageKey,
        thumbnailKey: null,
        sizeBytes: content.length,
        width: null,
        height: null,
      };
    }
    const image = await this.images.reencode(content);
    const storageKey = newStorageKey(type.extension);
    const thumbnailKey = newStorageKey(type.extension);
    await this.storage.put(storageKey, image.image, image.mime);
    await this.storage.put(thumbnailKey, image.thumbnail, image.mime);
    return {
      kind: 'image',
      mimeType: image.mime,
      storageKey,
      thumbnailKey,
      sizeBytes: image.image.length,
      width: image.width,
      height: image.height,
    };
  }

  private async discard(file: Pick<StoredFile, 'storageKey' | 'thumbnailKey'>): Promise<void> {
    await this.storage.delete(file.storageKey);
    if (file.thumbnailKey) {
      await this.storage.delete(file.thumbnailKey);
    }
  }
}

/** A practice takes files while it is editable, up to MAX_ATTACHMENTS. */
function assertTakesFiles(practice: Practice, attachments: number): void {
  if (!isEditable(practice.status)) {
    throw PracticeErrors.wrongStatus(practice.status, 'upload');
  }
  if (attachments >= MAX_ATTACHMENTS) {
    throw tooManyAttachments();
  }
}

/** The sniffed type, or the 415 that says why the file is refused. */
function acceptedType(result: SniffResult): SniffedType {
  if (result === undefined) {
    throw StorageErrors.unsupportedFileType();
  }
  if (!('refused' in result)) {
    return result;
  }
  switch (result.refused) {
    case 'macro':
      throw StorageErrors.macroDocument();
    case 'embedded-object':
      throw StorageErrors.embeddedObjectDocument();
    case 'external-content':
      throw StorageErrors.externalContentDocument();
  }
}
