import { Get, Query, Req, Res } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../../config/app-config';
import { WebRenderer } from '../render/web-renderer';
import { WebController } from '../web-controller';
import { catalogCsv } from './catalog-csv';
import { homePage } from './home.view';
import { accessibilityPage, dataPage, privacyPage } from './info.view';
import { PublicData } from './public-data.service';
import { robotsTxt, sitemapXml } from './sitemap';
import { statsPage } from './stats.view';

/** How many of the newest practices the home page shows. */
const HOME_LATEST = 4;
/** Machine-read files (robots, sitemap, catalog CSV) may be cached a little longer than pages. */
const FILE_MAX_AGE_SECONDS = 300;

/** Home, statistics, the statements, open data, robots.txt and sitemap.xml (WEB.md §3). */
@WebController()
export class PublicController {
  private readonly origin: string;

  constructor(
    private readonly web: WebRenderer,
    private readonly data: PublicData,
    config: AppConfig,
  ) {
    this.origin = config.http.publicUrl;
  }

  @Get()
  async home(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const context = this.web.context(request);
    const [contests, latest, stats] = await Promise.all([
      this.data.contestList(context.locale),
      this.data.latest(HOME_LATEST, context.locale),
      this.data.stats(),
    ]);
    await this.web.send(request, reply, homePage(context, contests, latest, stats));
  }

  @Get('stats')
  async stats(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const context = this.web.context(request);
    const [stats, regions, categories, contests] = await Promise.all([
      this.data.stats(),
      this.data.regions(context.locale),
      this.data.categoryList(context.locale),
      this.data.contestList(context.locale),
    ]);
    await this.web.send(request, reply, statsPage(context, stats, regions, categories, contests));
  }

  @Get('accessibility')
  async accessibility(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.web.send(request, reply, accessibilityPage(this.web.context(request)));
  }

  @Get('privacy')
  async privacy(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('version') version?: string,
  ): Promise<void> {
    await this.web.send(request, reply, privacyPage(this.web.context(request), version));
  }

  @Get('data')
  async openData(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const context = this.web.context(request);
    const [downloads, stats] = await Promise.all([
      this.data.publishedDownloads(context.locale),
      this.data.stats(),
    ]);
    const practiceCount = stats.practicesByRegion.reduce((sum, row) => sum + row.count, 0);
    await this.web.send(request, reply, dataPage(context, downloads, practiceCount));
  }

  /** The published catalog as CSV, names in the visitor's language (`?lang=` picks another). */
  @Get('data/practices.csv')
  async catalogCsv(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const locale = this.web.context(request).locale;
    const csv = catalogCsv(this.origin, await this.data.allPublished(locale));
    await this.sendFile(reply, 'text/csv; charset=utf-8', csv, `practices-${locale}.csv`);
  }

  @Get('robots.txt')
  async robots(@Res() reply: FastifyReply): Promise<void> {
    await this.sendFile(reply, 'text/plain; charset=utf-8', robotsTxt(this.origin));
  }

  @Get('sitemap.xml')
  async sitemap(@Res() reply: FastifyReply): Promise<void> {
    const [practices, contests] = await Promise.all([
      this.data.allPublished('ru'),
      this.data.contestList('ru'),
    ]);
    const municipalities = new Map(practices.map((p) => [p.municipality.id, p.updatedAt]));
    const entries = [
      { path: '/' },
      { path: '/practices' },
      { path: '/contests' },
      { path: '/stats' },
      { path: '/data' },
      { path: '/accessibility' },
      { path: '/privacy' },
      ...practices.map((p) => ({ path: `/practices/${p.id}`, lastModified: p.updatedAt })),
      ...[...municipalities].map(([id, updatedAt]) => ({
        path: `/municipalities/${id}`,
        lastModified: updatedAt,
      })),
      ...contests.map((c) => ({ path: `/contests/${c.id}` })),
    ];
    await this.sendFile(reply, 'application/xml; charset=utf-8', sitemapXml(this.origin, entries));
  }

  private async sendFile(
    reply: FastifyReply,
    type: string,
    body: string,
    downloadName?: string,
  ): Promise<void> {
    void reply
      .header('Content-Type', type)
      .header('Cache-Control', `public, max-age=${FILE_MAX_AGE_SECONDS}`)
      .header('X-Content-Type-Options', 'nosniff');
    if (downloadName) {
      void reply
        .header('Content-Disposition', `attachment; filename="${downloadName}"`)
        .header('Vary', 'Cookie, Accept-Language');
    }
    await reply.send(body);
  }
}
