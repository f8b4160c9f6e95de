import { PracticeContestEntry } from '../../contests/practice-contests';
import { AttachmentDto, PracticeDto } from '../../practices/dto/practice.dto';
import { IMAGE_LIMITS } from '../../storage/image-processing';
import { Page, WebContext } from '../render/page';
import { practiceYears } from './practice-card';

const SECTIONS = ['problem', 'solution', 'results', 'resources', 'replicability'] as const;

/** A file type a visitor recognizes: "PDF", "DOCX", "JPEG". */
export function fileType(attachment: AttachmentDto): string {
  const extension = /\.([a-z0-9]{2,5})$/i.exec(attachment.fileName)?.[1];
  return (extension ?? attachment.mimeType.split('/')[1] ?? '').toUpperCase();
}

export function fileSize(context: WebContext, bytes: number): string {
  if (bytes < 1024 * 1024) {
    return context.t('public.practice.sizeKb', { size: Math.max(1, Math.round(bytes / 1024)) });
  }
  return context.t('public.practice.sizeMb', { size: (bytes / (1024 * 1024)).toFixed(1) });
}

/** The stored thumbnail's size (its width fixed, height in proportion and capped), for width/height. */
function thumbnailSize(attachment: AttachmentDto): { width: number; height: number } {
  const width = Math.min(IMAGE_LIMITS.thumbnailWidth, attachment.width ?? IMAGE_LIMITS.thumbnailWidth);
  const ratio = attachment.width && attachment.height ? attachment.height / attachment.width : 0.75;
  return { width, height: Math.min(IMAGE_LIMITS.thumbnailMaxHeight, Math.round(width * ratio)) };
}

/** A published practice: every section, gallery, documents, contact, contests and prizes. */
export function practicePage(
  context: WebContext,
  practice: PracticeDto,
  contests: PracticeContestEntry[],
): Page {
  const photos = practice.attachments.filter((a) => a.kind === 'image' && a.thumbnailUrl);
  return {
    template: 'public/practice.njk',
    title: practice.title,
    breadcrumbs: [
      { text: context.t('public.home.title'), href: '/' },
      { text: context.t('public.catalog.title'), href: '/practices' },
    ],
    model: {
      practice,
      years: practiceYears(context, practice.startYear, practice.endYear),
      sections: SECTIONS.map((key) => ({
        heading: context.t(`public.practice.sections.${key}`),
        text: practice[key],
      })),
      photos: photos.map((photo, index) => ({
        full: photo.url,
        thumbnail: photo.thumbnailUrl,
        ...thumbnailSize(photo),
        alt: context.t('public.practice.photoAlt', { number: index + 1, title: practice.title }),
      })),
      documents: practice.attachments
        .filter((a) => a.kind === 'document')
        .map((doc) => ({
          href: doc.url,
          name: doc.fileName,
          type: fileType(doc),
          size: fileSize(context, doc.sizeBytes),
        })),
      contests: contests.map((entry) => ({
        href: `/contests/${entry.contestId}`,
        title: entry.contestTitle,
        nomination: entry.nominationTitle,
        prize: entry.winner
          ? context.t('public.practice.winner', { rank: entry.rank ?? 1 })
          : entry.rank !== null
            ? context.t('public.practice.ranked', { rank: entry.rank })
            : context.t('public.practice.entered'),
        winner: entry.winner,
      })),
    },
  };
}

/** An archived practice: still a page (published results link to it), saying it was archived. */
export function archivedPracticePage(context: WebContext, practice: PracticeDto): Page {
  return {
    template: 'public/practice-archived.njk',
    title: practice.title,
    breadcrumbs: [
      { text: context.t('public.home.title'), href: '/' },
      { text: context.t('public.catalog.title'), href: '/practices' },
    ],
    model: { practice },
  };
}
