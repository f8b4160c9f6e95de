import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { LocalizedNames } from '../../common/i18n/localized-name';

export type RegionKind = 'oblast' | 'city';

/** Oblast or city of republican significance, keyed by its ISO 3166-2:KG code. */
@Check('regions_kind_check', `kind IN ('oblast', 'city')`)
@Entity('regions')
@Index('regions_code_key', ['code'], { unique: true })
export class Region implements LocalizedNames {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  kind!: RegionKind;

  @Column({ type: 'text', nullable: true })
  nameKy!: string | null;

  @Column({ type: 'text', nullable: true })
  nameRu!: string | null;

  @Column({ type: 'text', nullable: true })
  nameEn!: string | null;
}
