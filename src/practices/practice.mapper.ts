import { Locale } from '../common/i18n/locale';
import { LocalizedNames, resolveName } from '../common/i18n/localized-name';
import { AttachmentDto, NamedRefDto, PracticeDto, PracticeSummaryDto } from './dto/practice.dto';
import { PracticeAttachment } from './entities/practice-attachment.entity';
import { Practice } from './entities/practice.entity';

const API = '/api/v1';

function ref(id: string, names: LocalizedNames | undefined, locale: Locale): NamedRefDto {
  return { id, name: names ? resolveName(names, locale) : '' };
}

export function attachmentUrl(practiceId: string, attachmentId: string, thumbnail = false): string {
  return `${API}/practices/${practiceId}/attachments/${attachmentId}${thumbnail ? '/thumbnail' : ''}`;
}

export function toAttachmentDto(a: PracticeAttachment): AttachmentDto {
  return {
    id: a.id,
    kind: a.kind,
    fileName: a.fileName,
    mimeType: a.mimeType,
    sizeBytes: a.sizeBytes,
    width: a.width,
    height: a.height,
    url: attachmentUrl(a.practiceId, a.id),
    thumbnailUrl: a.thumbnailKey ? attachmentUrl(a.practiceId, a.id, true) : null,
    createdAt: a.createdAt,
  };
}

/** The practice loaded with its municipality (and region) and category relations. */
export function toPracticeDto(p: Practice, attachments: PracticeAttachment[], locale: Locale): PracticeDto {
  return {
    id: p.id,
    status: p.status,
    version: p.version,
    revision: p.revision,
    municipality: ref(p.municipalityId, p.municipality, locale),
    region: ref(p.regionId, p.municipality?.region, locale),
    districtId: p.districtId,
    category: ref(p.categoryId, p.category, locale),
    title: p.title,
    summary: p.summary,
    problem: p.problem,
    solution: p.solution,
    results: p.results,
    resources: p.resources,
    replicability: p.replicability,
    startYear: p.startYear,
    endYear: p.endYear,
    contactName: p.contactName,
    contactPhone: p.contactPhone,
    contactEmail: p.contactEmail,
    language: p.language,
    tags: p.tags,
    viewCount: p.viewCount,
    attachments: attachments.map(toAttachmentDto),
    publishedAt: p.publishedAt,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

export function toPracticeSummary(
  p: Practice,
  locale: Locale,
  thumbnailUrl: string | null = null,
): PracticeSummaryDto {
  return {
    id: p.id,
    title: p.title,
    summary: p.summary,
    status: p.status,
    municipality: ref(p.municipalityId, p.municipality, locale),
    region: ref(p.regionId, p.municipality?.region, locale),
    category: ref(p.categoryId, p.category, locale),
    startYear: p.startYear,
    endYear: p.endYear,
    language: p.language,
    tags: p.tags,
    viewCount: p.viewCount,
    thumbnailUrl,
    publishedAt: p.publishedAt,
    updatedAt: p.updatedAt,
  };
}
