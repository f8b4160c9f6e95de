import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { projectPath } from '../../common/project-path';
import { readCsv } from './csv';

const nullIfEmpty = (value: string) => (value === '' ? null : value);

/**
 * Seeds regions, districts, municipalities and categories from the project's copy of the reference
 * data. Keyed by code with ON CONFLICT DO NOTHING: re-running never duplicates, and never undoes an
 * admin's later rename.
 */
export async function seedReferenceData(dataSource: DataSource): Promise<void> {
  const geography = (name: string) => readCsv(projectPath('src', 'geography', 'data', name));
  await dataSource.transaction(async (manager) => {
    for (const r of geography('regions.csv')) {
      await manager.query(
        `INSERT INTO regions (code, kind, name_ky, name_ru, name_en) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (code) DO NOTHING`,
        [r.code, r.kind, r.name_ky, r.name_ru, r.name_en],
      );
    }
    for (const d of geography('districts.csv')) {
      await manager.query(
        `INSERT INTO districts (code, region_id, name_ky, name_ru, name_en)
         SELECT $1, id, $3, $4, $5 FROM regions WHERE code = $2
         ON CONFLICT (code) DO NOTHING`,
        [d.code, d.region_code, d.name_ky, d.name_ru, d.name_en],
      );
    }
    for (const m of geography('municipalities.csv')) {
      await manager.query(
        `INSERT INTO municipalities (code, kind, region_id, district_id, name_ky, name_ru, name_en)
         SELECT $1, $2, r.id, (SELECT id FROM districts WHERE code = $4), $5, $6, $7 FROM regions r WHERE r.code = $3
         ON CONFLICT (code) DO NOTHING`,
        [m.code, m.kind, m.region_code, nullIfEmpty(m.district_code), m.name_ky, m.name_ru, m.name_en],
      );
    }
    const categories = readCsv(projectPath('src', 'categories', 'data', 'categories.csv'));
    for (const [position, c] of categories.entries()) {
      await manager.query(
        `INSERT INTO categories (code, position, name_ky, name_ru, name_en) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (code) DO NOTHING`,
        [c.code, position + 1, c.name_ky, c.name_ru, c.name_en],
      );
    }
  });
  new Logger('Seed').log('reference data is in place');
}
