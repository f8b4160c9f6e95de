import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { District } from './entities/district.entity';
import { Municipality } from './entities/municipality.entity';
import { Region } from './entities/region.entity';

export interface MunicipalityFilter {
  regionId?: string;
  districtId?: string;
  q?: string;
  limit: number;
}

@Injectable()
export class GeographyRepository {
  constructor(
    @InjectRepository(Region) private readonly regions: Repository<Region>,
    @InjectRepository(District) private readonly districts: Repository<District>,
    @InjectRepository(Municipality) private readonly municipalities: Repository<Municipality>,
  ) {}

  allRegions(): Promise<Region[]> {
    return this.regions.find({ order: { code: 'ASC' } });
  }

  findRegion(id: string): Promise<Region | null> {
    return this.regions.findOneBy({ id });
  }

  districtsOfRegion(regionId: string): Promise<District[]> {
    return this.districts.find({ where: { regionId }, order: { code: 'ASC' } });
  }

  findDistrict(id: string): Promise<District | null> {
    return this.districts.findOneBy({ id });
  }

  findMunicipality(id: string): Promise<Municipality | null> {
    return this.municipalities.findOneBy({ id });
  }

  findMunicipalities(ids: string[]): Promise<Municipality[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.municipalities.findBy({ id: In(ids) });
  }

  searchMunicipalities(filter: MunicipalityFilter): Promise<Municipality[]> {
    const query = this.municipalities
      .createQueryBuilder('m')
      .orderBy('m.name_ru', 'ASC')
      .addOrderBy('m.id')
      .limit(filter.limit);
    if (filter.regionId) {
      query.andWhere('m.region_id = :regionId', { regionId: filter.regionId });
    }
    if (filter.districtId) {
      query.andWhere('m.district_id = :districtId', { districtId: filter.districtId });
    }
    if (filter.q) {
      query.andWhere(
        "(m.name_ky ILIKE :q ESCAPE '\\' OR m.name_ru ILIKE :q ESCAPE '\\' OR m.name_en ILIKE :q ESCAPE '\\')",
        {
          q: `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
        },
      );
    }
    return query.getMany();
  }

  /** Inserts unless the code is taken (decided by the unique index); returns the new row or null. */
  async insertMunicipality(values: Omit<Municipality, 'id' | 'createdAt'>): Promise<Municipality | null> {
    const result = await this.municipalities
      .createQueryBuilder()
      .insert()
      .values(values)
      .orIgnore()
      .returning('*')
      .execute();
    const id = (result.raw as { id: string }[])[0]?.id;
    return id ? this.findMunicipality(id) : null;
  }

  async updateMunicipality(id: string, changes: Partial<Municipality>): Promise<void> {
    await this.municipalities.update({ id }, changes);
  }
}
