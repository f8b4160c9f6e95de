import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Category } from '../../categories/entities/category.entity';
import { Municipality } from '../../geography/entities/municipality.entity';
import { User } from '../../users/entities/user.entity';
import { PracticeStatus } from '../practice-status';

export const PRACTICE_LANGUAGES = ['ky', 'ru', 'en'] as const;
export type PracticeLanguage = (typeof PRACTICE_LANGUAGES)[number];

/**
 * A municipality's practice. Region and district are copied from the municipality (which never moves)
 * so the catalog filters and sorts on one table.
 */
@Entity('practices')
@Check(
  'practices_status_check',
  `status IN ('draft', 'submitted', 'in_review', 'changes_requested', 'published', 'rejected', 'withdrawn', 'archived')`,
)
@Check('practices_language_check', `language IN ('ky', 'ru', 'en')`)
@Check('practices_years_check', `end_year IS NULL OR end_year >= start_year`)
@Index('practices_municipality_idx', ['municipalityId', 'status'])
@Index('practices_published_new_idx', ['publishedAt', 'id'], { where: "status = 'published'" })
@Index('practices_published_popular_idx', ['viewCount', 'id'], { where: "status = 'published'" })
@Index('practices_published_title_idx', ['title', 'id'], { where: "status = 'published'" })
@Index('practices_published_region_idx', ['regionId', 'publishedAt'], { where: "status = 'published'" })
@Index('practices_published_category_idx', ['categoryId', 'publishedAt'], { where: "status = 'published'" })
@Index('practices_awaiting_idx', ['submittedAt'], { where: "status IN ('submitted', 'in_review')" })
@Index('practices_draft_key', ['authorId', 'draftKey'], { unique: true, where: 'draft_key IS NOT NULL' })
export class Practice {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  municipalityId!: string;

  @ManyToOne(() => Municipality, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'municipality_id' })
  municipality?: Municipality;

  @Column({ type: 'uuid' })
  regionId!: string;

  @Column({ type: 'uuid', nullable: true })
  districtId!: string | null;

  @Column({ type: 'uuid' })
  authorId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id' })
  author?: User;

  /**
   * The website's new-practice form carries a one-time key: the same form posted twice (a double
   * tap on a slow connection) finds the draft the first post made instead of making a second one.
   */
  @Column({ type: 'uuid', nullable: true })
  draftKey!: string | null;

  @Column({ type: 'uuid' })
  categoryId!: string;

  @ManyToOne(() => Category, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'category_id' })
  category?: Category;

  @Column({ type: 'text', default: 'draft' })
  status!: PracticeStatus;

  /** Number of the last submitted revision (0 before the first submit). */
  @Column({ type: 'integer', default: 0 })
  revision!: number;

  /** Optimistic concurrency: an edit names the version it read; a stale one is refused with 409. */
  @VersionColumn()
  version!: number;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  summary!: string;

  @Column({ type: 'text' })
  problem!: string;

  @Column({ type: 'text' })
  solution!: string;

  @Column({ type: 'text' })
  results!: string;

  @Column({ type: 'text' })
  resources!: string;

  @Column({ type: 'text' })
  replicability!: string;

  @Column({ type: 'integer' })
  startYear!: number;

  /** Null: ongoing. */
  @Column({ type: 'integer', nullable: true })
  endYear!: number | null;

  @Column({ type: 'text' })
  contactName!: string;

  @Column({ type: 'text', nullable: true })
  contactPhone!: string | null;

  @Column({ type: 'text', nullable: true })
  contactEmail!: string | null;

  @Column({ type: 'text' })
  language!: PracticeLanguage;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags!: string[];

  @Column({
    type: 'bigint',
    default: 0,
    transformer: { to: (v: number) => v, from: (v: string) => Number(v) },
  })
  viewCount!: number;

  /** The moderator who claimed it (in_review). */
  @Column({ type: 'uuid', nullable: true })
  claimedBy!: string | null;

  /** First submission: from then on moderators may read it, even if later withdrawn. */
  @Column({ type: 'timestamptz', nullable: true })
  firstSubmittedAt!: Date | null;

  /** Latest submission: the moderation queue's "waiting since" (millisecond precision, for its cursor). */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  submittedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /**
   * Full-text document, kept by a trigger (migration PracticeSearch): Russian stemming plus 'simple'
   * tokens for Kyrgyz and English, weighted title A, summary B, body C/D. Its GIN index is hand-written.
   */
  @Index('practices_search_document_idx', { synchronize: false })
  @Column({ type: 'tsvector', nullable: true, select: false, insert: false, update: false })
  searchDocument?: string;

  /** Title and summary only (weights A, B): ranking over this short vector stays cheap for common words. */
  @Column({ type: 'tsvector', nullable: true, select: false, insert: false, update: false })
  searchHead?: string;

  /** Lower-cased title for trigram similarity (typos), kept by the same trigger; short, so cheap to compare. */
  @Index('practices_search_text_trgm_idx', { synchronize: false })
  @Column({ type: 'text', nullable: true, select: false, insert: false, update: false })
  searchText?: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
