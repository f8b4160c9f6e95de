import { MAX_ATTACHMENTS } from '../../practices/attachments.service';
import { AttachmentDto, PracticeDto } from '../../practices/dto/practice.dto';
import { isEditable } from '../../practices/practice-status';
import { ACCEPTED_FILE_TYPES } from '../../storage/file-type';
import { IMAGE_LIMITS } from '../../storage/image-processing';
import { ErrorItem, Page, WebContext } from '../render/page';
import { CARD_IMAGE } from '../public/practice-card';
import { fileSize, fileType } from '../public/practice.view';
import { practiceBreadcrumbs } from '../representative/my-page-parts';

/**
 * Why an upload was refused, as the page says it (`myFiles.attachments.errors.<refusal>`). Carried
 * by the redirect's `?error=` (post/redirect/get): only these words are ever read back from it.
 */
export const UPLOAD_REFUSALS = [
  'fileRequired',
  'tooLarge',
  'unsupportedType',
  'macro',
  'embeddedObject',
  'externalContent',
  'unreadableImage',
  'tooManyPixels',
  'full',
] as const;
export type UploadRefusal = (typeof UPLOAD_REFUSALS)[number];

export function isUploadRefusal(value: unknown): value is UploadRefusal {
  return typeof value === 'string' && (UPLOAD_REFUSALS as readonly string[]).includes(value);
}

/** The service's refusal codes (DomainError.code) that the form explains at its file field. */
export const REFUSAL_BY_CODE: Record<string, UploadRefusal> = {
  payload_too_large: 'tooLarge',
  unsupported_file_type: 'unsupportedType',
  macro_document: 'macro',
  embedded_object_document: 'embeddedObject',
  external_content_document: 'externalContent',
  unreadable_image: 'unreadableImage',
  image_too_large: 'tooManyPixels',
  too_many_attachments: 'full',
};

export function attachmentsPath(practiceId: string): string {
  return `/my/practices/${practiceId}/attachments`;
}

/** What the file field accepts: the sniffer's formats, by extension and type (a hint to the picker only). */
const ACCEPT = ACCEPTED_FILE_TYPES.flatMap((type) =>
  type.extension === 'jpg' ? ['.jpg', '.jpeg', type.mime] : [`.${type.extension}`, type.mime],
).join(',');

/** A practice's photos (thumbnails) and documents (type, size), each removable; the upload form. */
export function attachmentsPage(
  context: WebContext,
  practice: PracticeDto,
  maxFileBytes: number,
  refusal?: UploadRefusal,
): Page {
  const base = attachmentsPath(practice.id);
  const editable = isEditable(practice.status);
  const count = practice.attachments.length;
  const limits = {
    types: ACCEPTED_FILE_TYPES.map((type) => type.extension.toUpperCase()).join(', '),
    size: limitSize(context, maxFileBytes),
  };
  const fieldError = refusal
    ? context.t(`myFiles.attachments.errors.${refusal}`, {
        ...limits,
        max: MAX_ATTACHMENTS,
        megapixels: IMAGE_LIMITS.maxInputPixels / 1_000_000,
      })
    : undefined;
  const errors: ErrorItem[] = fieldError ? [{ text: fieldError, href: '#file' }] : [];
  const photos = practice.attachments.filter((a) => a.kind === 'image');
  return {
    template: 'my-files/attachments.njk',
    title: context.t('myFiles.attachments.title'),
    form: editable,
    errors,
    breadcrumbs: practiceBreadcrumbs(context, practice),
    model: {
      practiceTitle: practice.title,
      editable,
      statusLabel: context.t(`myFiles.status.${practice.status}`),
      action: base,
      accept: ACCEPT,
      fieldError,
      hint: context.t('myFiles.attachments.hint', limits),
      usage: context.t('myFiles.attachments.usage', { count, max: MAX_ATTACHMENTS }),
      full: count >= MAX_ATTACHMENTS,
      photos: photos.map((photo, index) => ({
        ...fileLinks(base, photo),
        src: `${base}/${photo.id}/160.webp`,
        ...CARD_IMAGE,
        alt: context.t('myFiles.attachments.photoAlt', { number: index + 1, name: photo.fileName }),
        size: fileSize(context, photo.sizeBytes),
      })),
      documents: practice.attachments
        .filter((a) => a.kind === 'document')
        .map((doc) => ({
          ...fileLinks(base, doc),
          type: fileType(doc),
          size: fileSize(context, doc.sizeBytes),
        })),
    },
  };
}

/** A configured limit reads "10 MB", not "10.0 MB" (an actual file's size keeps its decimal). */
function limitSize(context: WebContext, bytes: number): string {
  const megabytes = bytes / (1024 * 1024);
  return Number.isInteger(megabytes)
    ? context.t('public.practice.sizeMb', { size: megabytes })
    : fileSize(context, bytes);
}

function fileLinks(base: string, attachment: AttachmentDto) {
  return {
    id: attachment.id,
    name: attachment.fileName,
    href: `${base}/${attachment.id}/file`,
    removeHref: `${base}/${attachment.id}/remove`,
  };
}

/** "Remove this file?": the confirmation a removal needs, since it cannot be undone. */
export function removePage(context: WebContext, practice: PracticeDto, attachment: AttachmentDto): Page {
  const base = attachmentsPath(practice.id);
  return {
    template: 'my-files/remove.njk',
    title: context.t('myFiles.remove.title', { name: attachment.fileName }),
    form: true,
    breadcrumbs: [
      ...practiceBreadcrumbs(context, practice),
      { text: context.t('myFiles.attachments.title'), href: base },
    ],
    model: {
      action: `${base}/${attachment.id}/remove`,
      cancelHref: base,
      kind: context.t(`myFiles.remove.kind.${attachment.kind}`),
      thumbnail:
        attachment.kind === 'image' ? { src: `${base}/${attachment.id}/160.webp`, ...CARD_IMAGE } : undefined,
    },
  };
}
