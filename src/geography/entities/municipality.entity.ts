import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { LocalizedNames } from '../../common/i18n/localized-name';
import { District } from './district.entity';
import { Region } from './region.entity';

export const MUNICIPALITY_KINDS = ['aiyl_aimak', 'town', 'city'] as const;
export type MunicipalityKind = (typeof MUNICIPALITY_KINDS)[number];

/** Aiyl aimak, town or city. Every one has a region; a city of regional significance has no district. */
@Check('municipalities_kind_check', `kind IN ('aiyl_aimak', 'town', 'city')`)
@Entity('municipalities')
@Index('municipalities_code_key', ['code'], { unique: true })
@Index('municipalities_region_id_idx', ['regionId'])
@Index('municipalities_district_id_idx', ['districtId'])
export class Municipality implements LocalizedNames {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  kind!: MunicipalityKind;

  @Column({ type: 'uuid' })
  regionId!: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_id' })
  region?: Region;

  @Column({ type: 'uuid', nullable: true })
  districtId!: string | null;

  @ManyToOne(() => District, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'district_id' })
  district?: District;

  @Column({ type: 'text', nullable: true })
  nameKy!: string | null;

  @Column({ type: 'text', nullable: true })
  nameRu!: string | null;

  @Column({ type: 'text', nullable: true })
  nameEn!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
