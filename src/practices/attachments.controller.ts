import { Controller, Delete, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { AuthUser } from '../common/auth/auth-user';
import { Authenticated, CurrentUser, OptionalUser, Public } from '../common/auth/decorators';
import { ApiProblems } from '../common/http/api-problems';
import { IdPipe } from '../common/http/id-param';
import { readUploadedFile } from '../storage/uploaded-file';
import { AttachmentsService, Download } from './attachments.service';
import { AttachmentDto } from './dto/practice.dto';

/** Sends a stored file: images inline, documents as downloads, never sniffed by the browser. */
export function sendDownload(reply: FastifyReply, download: Download): void {
  const disposition = download.mimeType.startsWith('image/') ? 'inline' : 'attachment';
  void reply
    .header('Content-Type', download.mimeType)
    .header(
      'Content-Disposition',
      `${disposition}; filename*=UTF-8''${encodeURIComponent(download.fileName)}`,
    )
    .header('X-Content-Type-Options', 'nosniff')
    .header('Cache-Control', download.isPublic ? 'public, max-age=86400' : 'private, no-store')
    .send(download.content);
}

@ApiTags('practices')
@Controller('practices/:id/attachments')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Authenticated()
  @Post()
  @ApiOperation({ summary: 'Upload a photo (JPEG, PNG, WebP) or document (PDF, DOCX); type from content' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      properties: { file: { type: 'string', format: 'binary' } },
      required: ['file'],
    },
  })
  @ApiCreatedResponse({ type: AttachmentDto })
  @ApiProblems(400, 403, 404, 409, 413, 415, 429, 503)
  upload(
    @CurrentUser() user: AuthUser,
    @Param('id', IdPipe) practiceId: string,
    @Req() request: FastifyRequest,
  ): Promise<AttachmentDto> {
    return this.attachments.upload(user, practiceId, () => readUploadedFile(request));
  }

  @Public()
  @Get(':attachmentId')
  @ApiOperation({ summary: 'Download a file (published practices: anyone; drafts: owners and moderators)' })
  @ApiOkResponse({ description: 'The file' })
  @ApiProblems(404)
  async download(
    @OptionalUser() user: AuthUser | undefined,
    @Param('id', IdPipe) practiceId: string,
    @Param('attachmentId', IdPipe) attachmentId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendDownload(reply, await this.attachments.download(user, practiceId, attachmentId, false));
  }

  @Public()
  @Get(':attachmentId/thumbnail')
  @ApiOperation({ summary: "A photo's thumbnail" })
  @ApiOkResponse({ description: 'The thumbnail' })
  @ApiProblems(404)
  async thumbnail(
    @OptionalUser() user: AuthUser | undefined,
    @Param('id', IdPipe) practiceId: string,
    @Param('attachmentId', IdPipe) attachmentId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendDownload(reply, await this.attachments.download(user, practiceId, attachmentId, true));
  }

  @Authenticated()
  @Delete(':attachmentId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a file of a draft or sent-back practice' })
  @ApiNoContentResponse()
  @ApiProblems(403, 404, 409)
  remove(
    @CurrentUser() user: AuthUser,
    @Param('id', IdPipe) practiceId: string,
    @Param('attachmentId', IdPipe) attachmentId: string,
  ): Promise<void> {
    return this.attachments.remove(user, practiceId, attachmentId);
  }
}
