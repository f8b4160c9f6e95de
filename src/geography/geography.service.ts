import { Injectable } from '@nestjs/common';
import { Locale } from '../common/i18n/locale';
import { NamesInputDto, resolveName, toNamesDto } from '../common/i18n/localized-name';
import { CatalogCache } from '../common/catalog-cache/catalog-cache';
import {
  AdminMunicipalityDto,
  CreateMunicipalityDto,
  DistrictDto,
  MunicipalityDto,
  MunicipalityQueryDto,
  RegionDto,
  UpdateMunicipalityDto,
} from './dto/geography.dto';
import { District } from './entities/district.entity';
import { Municipality } from './entities/municipality.entity';
import { Region } from './entities/region.entity';
import { GeographyErrors } from './geography.errors';
import { GeographyRepository } from './geography.repository';

const toRegion = (r: Region, locale: Locale): RegionDto => ({
  id: r.id,
  code: r.code,
  kind: r.kind,
  name: resolveName(r, locale),
});
const toDistrict = (d: District, locale: Locale): DistrictDto => ({
  id: d.id,
  code: d.code,
  regionId: d.regionId,
  name: resolveName(d, locale),
});
const toMunicipality = (m: Municipality, locale: Locale): MunicipalityDto => ({
  id: m.id,
  code: m.code,
  kind: m.kind,
  regionId: m.regionId,
  districtId: m.districtId,
  name: resolveName(m, locale),
});
const toAdminMunicipality = (m: Municipality, locale: Locale): AdminMunicipalityDto => ({
  ...toMunicipality(m, locale),
  names: toNamesDto(m),
});

@Injectable()
export class GeographyService {
  constructor(
    private readonly geography: GeographyRepository,
    private readonly catalog: CatalogCache,
  ) {}

  async regions(locale: Locale): Promise<RegionDto[]> {
    return (await this.geography.allRegions()).map((r) => toRegion(r, locale));
  }

  async districts(regionId: string, locale: Locale): Promise<DistrictDto[]> {
    if (!(await this.geography.findRegion(regionId))) {
      throw GeographyErrors.regionNotFound();
    }
    return (await this.geography.districtsOfRegion(regionId)).map((d) => toDistrict(d, locale));
  }

  async municipalities(query: MunicipalityQueryDto, locale: Locale): Promise<MunicipalityDto[]> {
    const rows = await this.geography.searchMunicipalities({ ...query, limit: query.limit ?? 100 });
    return rows.map((m) => toMunicipality(m, locale));
  }

  async municipality(id: string, locale: Locale): Promise<MunicipalityDto> {
    const municipality = await this.geography.findMunicipality(id);
    if (!municipality) {
      throw GeographyErrors.municipalityNotFound();
    }
    return toMunicipality(municipality, locale);
  }

  /** Names in the locale by id, in one statement (a results table names up to every municipality). */
  async municipalityNames(ids: string[], locale: Locale): Promise<Map<string, string>> {
    const rows = await this.geography.findMunicipalities([...new Set(ids)]);
    return new Map(rows.map((m) => [m.id, toMunicipality(m, locale).name]));
  }

  async createMunicipality(dto: CreateMunicipalityDto, locale: Locale): Promise<AdminMunicipalityDto> {
    requireAName(dto.names);
    await this.assertPlace(dto.regionId, dto.districtId);
    const created = await this.geography.insertMunicipality({
      code: dto.code,
      kind: dto.kind,
      regionId: dto.regionId,
      districtId: dto.districtId ?? null,
      nameKy: dto.names.ky ?? null,
      nameRu: dto.names.ru ?? null,
      nameEn: dto.names.en ?? null,
    });
    if (!created) {
      throw GeographyErrors.codeTaken();
    }
    return toAdminMunicipality(created, locale);
  }

  async updateMunicipality(
    id: string,
    dto: UpdateMunicipalityDto,
    locale: Locale,
  ): Promise<AdminMunicipalityDto> {
    const municipality = await this.geography.findMunicipality(id);
    if (!municipality) {
      throw GeographyErrors.municipalityNotFound();
    }
    const changes = {
      ...(dto.kind && { kind: dto.kind }),
      ...(dto.names?.ky !== undefined && { nameKy: dto.names.ky }),
      ...(dto.names?.ru !== undefined && { nameRu: dto.names.ru }),
      ...(dto.names?.en !== undefined && { nameEn: dto.names.en }),
    };
    // Nothing to change (`{}` or `{"names": {}}`): TypeORM refuses an UPDATE without a SET clause.
    if (Object.keys(changes).length === 0) {
      return toAdminMunicipality(municipality, locale);
    }
    await this.geography.updateMunicipality(id, changes);
    this.catalog.clear(); // catalog items carry the municipality's name
    return toAdminMunicipality((await this.geography.findMunicipality(id)) as Municipality, locale);
  }

  private async assertPlace(regionId: string, districtId: string | undefined): Promise<void> {
    if (!(await this.geography.findRegion(regionId))) {
      throw GeographyErrors.regionNotFound();
    }
    if (districtId) {
      const district = await this.geography.findDistrict(districtId);
      if (!district || district.regionId !== regionId) {
        throw GeographyErrors.districtOutsideRegion();
      }
    }
  }
}

function requireAName(names: NamesInputDto): void {
  if (!names.ky && !names.ru && !names.en) {
    throw GeographyErrors.nameRequired();
  }
}
