import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { LocalizedNames } from '../../common/i18n/localized-name';
import { Region } from './region.entity';

@Entity('districts')
@Index('districts_code_key', ['code'], { unique: true })
@Index('districts_region_id_idx', ['regionId'])
export class District implements LocalizedNames {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'uuid' })
  regionId!: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_id' })
  region?: Region;

  @Column({ type: 'text', nullable: true })
  nameKy!: string | null;

  @Column({ type: 'text', nullable: true })
  nameRu!: string | null;

  @Column({ type: 'text', nullable: true })
  nameEn!: string | null;
}
