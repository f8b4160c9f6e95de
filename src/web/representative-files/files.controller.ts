import { Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { IdPipe } from '../../common/http/id-param';
import { SignedIn, WebController } from '../web-controller';
import { AttachmentsHandler } from './attachments.handler';
import { ContestEntriesHandler } from './contests.handler';

/** A representative's practice: its photos and documents, and its contest entries (WEB.md §3). */
@WebController('my/practices/:id')
@SignedIn()
export class RepresentativeFilesController {
  constructor(
    private readonly files: AttachmentsHandler,
    private readonly entries: ContestEntriesHandler,
  ) {}

  @Get('attachments')
  async attachments(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id', IdPipe) id: string,
  ) {
    await this.files.page(request, reply, id);
  }

  @Post('attachments')
  @HttpCode(200)
  async upload(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('id', IdPipe) id: string) {
    await this.files.upload(request, reply, id);
  }

  @Get('attachments/:attachmentId/remove')
  async confirmRemoval(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id', IdPipe) id: string,
    @Param('attachmentId', IdPipe) attachmentId: string,
  ) {
    await this.files.confirmRemoval(request, reply, id, attachmentId);
  }

  @Post('attachments/:attachmentId/remove')
  @HttpCode(200)
  async remove(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id', IdPipe) id: string,
    @Param('attachmentId', IdPipe) attachmentId: string,
  ) {
    await this.files.remove(request, reply, id, attachmentId);
  }

  @Get('attachments/:attachmentId/160.webp')
  async thumbnail(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id', IdPipe) id: string,
    @Param('attachmentId', IdPipe) attachmentId: string,
  ) {
    await this.files.smallThumbnail(request, reply, id, attachmentId);
  }

  @Get('attachments/:attachmentId/file')
  async file(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id', IdPipe) id: string,
    @Param('attachmentId', IdPipe) attachmentId: string,
  ) {
    await this.files.file(request, reply, id, attachmentId);
  }

  @Get('contests')
  async contests(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id', IdPipe) id: string,
  ) {
    await this.entries.page(request, reply, id);
  }

  @Post('contests/:contestId/entries')
  @HttpCode(200)
  async enter(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id', IdPipe) id: string,
    @Param('contestId', IdPipe) contestId: string,
  ) {
    await this.entries.enter(request, reply, id, contestId);
  }
}
