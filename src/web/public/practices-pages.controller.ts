import { Get, Param, Query, Req, Res } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { IdPipe } from '../../common/http/id-param';
import { Locale } from '../../common/i18n/locale';
import { PracticeContestsQuery } from '../../contests/practice-contests';
import { CatalogQueryDto } from '../../practices/dto/catalog-query.dto';
import { PracticesService } from '../../practices/practices.service';
import { WebRenderer } from '../render/web-renderer';
import { WebController } from '../web-controller';
import { CATALOG_PAGE_SIZE, readCatalogQuery } from './catalog-filter';
import { CatalogChoices, catalogPage } from './catalog.view';
import { municipalityPage } from './municipality.view';
import { archivedPracticePage, practicePage } from './practice.view';
import { PublicData } from './public-data.service';
import { SmallThumbnails } from './small-thumbnails';

/** Thumbnails never change once stored: a day in any cache. */
const IMAGE_MAX_AGE_SECONDS = 86_400;

/** The catalog, a practice's page, a municipality's page and the list thumbnails. */
@WebController()
export class PracticesPagesController {
  constructor(
    private readonly web: WebRenderer,
    private readonly data: PublicData,
    private readonly practices: PracticesService,
    private readonly practiceContests: PracticeContestsQuery,
    private readonly thumbnails: SmallThumbnails,
  ) {}

  @Get('practices')
  async catalog(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query() raw: Record<string, unknown>,
  ): Promise<void> {
    const context = this.web.context(request);
    const { form, query, errors } = await readCatalogQuery(raw);
    const choices = await this.choices(query, context.locale);
    form.districtId = query.districtId;
    form.municipalityId = query.municipalityId;
    const results = await this.data.search(query, context.locale);
    await this.web.send(request, reply, catalogPage(context, form, query, choices, results, errors));
  }

  @Get('practices/:id')
  async practice(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id', IdPipe) id: string,
  ): Promise<void> {
    const context = this.web.context(request);
    // Both at once: the contests query is wasted only on the rare archived or missing practice.
    const [practice, contests] = await Promise.all([
      this.practices
        .read(context.user, id, context.locale, {
          address: request.ip,
          userAgent: request.headers['user-agent'],
        })
        .catch(async (error: unknown) => {
          // Published results keep linking to an archived practice: it gets a page, not a 404.
          const archived = await this.practices.archived(id, context.locale).catch(() => undefined);
          if (!archived) {
            throw error;
          }
          return archived;
        }),
      this.practiceContests.ofPractice(id, context.locale),
    ]);
    if (practice.status === 'archived') {
      return this.web.send(request, reply, archivedPracticePage(context, practice));
    }
    await this.web.send(request, reply, practicePage(context, practice, contests));
  }

  @Get('municipalities/:id')
  async municipality(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id', IdPipe) id: string,
    @Query('cursor') cursor?: string,
  ): Promise<void> {
    const context = this.web.context(request);
    const municipality = await this.data.municipality(id, context.locale);
    const query = Object.assign(new CatalogQueryDto(), {
      municipalityId: id,
      sort: 'new',
      limit: CATALOG_PAGE_SIZE,
      cursor: typeof cursor === 'string' && cursor.length <= 500 ? cursor : undefined,
    });
    const [regions, districts, practices] = await Promise.all([
      this.data.regions(context.locale),
      this.data.districts(municipality.regionId, context.locale),
      this.data.search(query, context.locale),
    ]);
    const page = municipalityPage(
      context,
      municipality,
      regions.find((r) => r.id === municipality.regionId),
      districts.find((d) => d.id === municipality.districtId),
      practices,
      query.cursor,
    );
    await this.web.send(request, reply, page);
  }

  /** A 160×120 WebP list thumbnail of a published practice's photo. */
  @Get('images/practices/:practiceId/:attachmentId/160.webp')
  async smallThumbnail(
    @Res() reply: FastifyReply,
    @Param('practiceId', IdPipe) practiceId: string,
    @Param('attachmentId', IdPipe) attachmentId: string,
  ): Promise<void> {
    const image = await this.thumbnails.get(practiceId, attachmentId);
    await reply
      .header('Content-Type', 'image/webp')
      .header('Cache-Control', `public, max-age=${IMAGE_MAX_AGE_SECONDS}`)
      .header('X-Content-Type-Options', 'nosniff')
      .send(image);
  }

  /**
   * The filter's choices, one level at a time: districts once a region is chosen, municipalities
   * once a district is. A district of another region (the visitor changed the region) is dropped,
   * and so is a municipality of another district.
   */
  private async choices(query: CatalogQueryDto, locale: Locale): Promise<CatalogChoices> {
    const [regions, categories] = await Promise.all([
      this.data.regions(locale),
      this.data.categoryList(locale),
    ]);
    const districts = query.regionId ? await this.data.districts(query.regionId, locale) : [];
    if (query.districtId && !districts.some((d) => d.id === query.districtId)) {
      query.districtId = undefined;
    }
    // A region without districts (Bishkek, Osh) lists its municipalities straight away.
    const municipalities = query.districtId
      ? await this.data.municipalities({ districtId: query.districtId }, locale)
      : query.regionId && districts.length === 0
        ? await this.data.municipalities({ regionId: query.regionId }, locale)
        : [];
    if (
      query.municipalityId &&
      municipalities.length &&
      !municipalities.some((m) => m.id === query.municipalityId)
    ) {
      query.municipalityId = undefined;
    }
    return { regions, districts, municipalities, categories };
  }
}
