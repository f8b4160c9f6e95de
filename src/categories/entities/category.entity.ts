import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { LocalizedNames } from '../../common/i18n/localized-name';

/** Thematic area of a practice. */
@Entity('categories')
@Index('categories_code_key', ['code'], { unique: true })
export class Category implements LocalizedNames {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  code!: string;

  /** Display order, as in the reference data. */
  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'text', nullable: true })
  nameKy!: string | null;

  @Column({ type: 'text', nullable: true })
  nameRu!: string | null;

  @Column({ type: 'text', nullable: true })
  nameEn!: string | null;
}
