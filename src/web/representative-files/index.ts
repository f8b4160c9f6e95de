import { AttachmentsHandler } from './attachments.handler';
import { ContestEntriesHandler } from './contests.handler';
import { RepresentativeFilesController } from './files.controller';
import { OwnedPractices } from './owned-practices';

/** A representative's files and contest entries (`/my/practices/:id/…`), registered by WebModule. */
export const REPRESENTATIVE_FILES_CONTROLLERS = [RepresentativeFilesController];
export const REPRESENTATIVE_FILES_PROVIDERS = [OwnedPractices, AttachmentsHandler, ContestEntriesHandler];
