import { DistrictDto, MunicipalityDto, RegionDto } from '../../geography/dto/geography.dto';
import { CatalogPageDto } from '../../practices/dto/practice.dto';
import { Page, WebContext } from '../render/page';
import { practiceCard } from './practice-card';

/** A municipality: its region and district, and its published practices (cursor pages). */
export function municipalityPage(
  context: WebContext,
  municipality: MunicipalityDto,
  region: RegionDto | undefined,
  district: DistrictDto | undefined,
  practices: CatalogPageDto,
  cursor: string | undefined,
): Page {
  const path = `/municipalities/${municipality.id}`;
  return {
    template: 'public/municipality.njk',
    title: municipality.name,
    breadcrumbs: [
      { text: context.t('public.home.title'), href: '/' },
      { text: context.t('public.catalog.title'), href: '/practices' },
    ],
    model: {
      municipality,
      kind: context.t(`public.municipality.kinds.${municipality.kind}`),
      region: region?.name,
      district: district?.name,
      catalogHref: `/practices?regionId=${municipality.regionId}${municipality.districtId ? `&districtId=${municipality.districtId}` : ''}&municipalityId=${municipality.id}`,
      cards: practices.items.map((item) => practiceCard(context, item)),
      nextHref: practices.nextCursor ? `${path}?cursor=${encodeURIComponent(practices.nextCursor)}` : null,
      firstHref: cursor ? path : null,
    },
  };
}
