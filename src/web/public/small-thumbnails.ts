import { Injectable } from '@nestjs/common';
import sharp from 'sharp';
import { AuthUser } from '../../common/auth/auth-user';
import { AttachmentsService } from '../../practices/attachments.service';
import { CARD_IMAGE } from './practice-card';

/** Kept in memory: a catalog page shows ten, a busy portal a few hundred distinct ones. */
const MAX_ENTRIES = 1000;
/** WebP quality 60 keeps a 160×120 photo well under the 10 KB budget of WEB.md §4. */
const WEBP_QUALITY = 60;

/**
 * List thumbnails: 160×120 WebP cut from the stored thumbnail (400 px, original format) on first
 * request and kept in memory, least recently used out first. An attachment never changes once
 * stored, so a cached one stays right; access is the attachment service's (published practices only
 * for visitors, any status for the practice's representatives), checked on every request.
 */
@Injectable()
export class SmallThumbnails {
  private readonly cache = new Map<string, Promise<Buffer>>();

  constructor(private readonly attachments: AttachmentsService) {}

  async get(practiceId: string, attachmentId: string, caller?: AuthUser): Promise<Buffer> {
    const download = await this.attachments.download(caller, practiceId, attachmentId, true);
    const cached = this.cache.get(attachmentId);
    if (cached) {
      this.cache.delete(attachmentId);
      this.cache.set(attachmentId, cached);
      return cached;
    }
    const webp = sharp(download.content)
      .resize(CARD_IMAGE.width, CARD_IMAGE.height, { fit: 'cover' })
      .webp({ quality: WEBP_QUALITY })
      .toBuffer();
    this.cache.set(attachmentId, webp);
    webp.catch(() => this.cache.delete(attachmentId));
    for (const key of this.cache.keys()) {
      if (this.cache.size <= MAX_ENTRIES) {
        break;
      }
      this.cache.delete(key);
    }
    return webp;
  }
}
