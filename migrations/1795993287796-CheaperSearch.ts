import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Measured with bench:catalog: trigram similarity over title and summary, and ranking over the whole
 * document, made full-text pages cost ~30 ms of PostgreSQL CPU. Now the trigram column holds the title
 * only, its statistics are off (pg_trgm otherwise evaluates word_similarity over them at every plan),
 * and ranking uses a short title+summary vector; matching still uses the whole document.
 */
export class CheaperSearch1795993287796 implements MigrationInterface {
  name = 'CheaperSearch1795993287796';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "practices" ADD "search_head" tsvector`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION practices_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search_head :=
          setweight(to_tsvector('russian', NEW.title), 'A') || setweight(to_tsvector('simple', NEW.title), 'A') ||
          setweight(to_tsvector('russian', NEW.summary), 'B') || setweight(to_tsvector('simple', NEW.summary), 'B');
        NEW.search_document := NEW.search_head ||
          setweight(to_tsvector('russian', NEW.problem || ' ' || NEW.solution || ' ' || NEW.results), 'C') ||
          setweight(to_tsvector('simple', NEW.problem || ' ' || NEW.solution || ' ' || NEW.results), 'D');
        NEW.search_text := lower(NEW.title);
        RETURN NEW;
      END $$`);
    await queryRunner.query(`UPDATE practices SET title = title`);
    await queryRunner.query(`ALTER TABLE practices ALTER COLUMN search_text SET STATISTICS 0`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE practices ALTER COLUMN search_text SET STATISTICS -1`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION practices_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search_document :=
          setweight(to_tsvector('russian', NEW.title), 'A') || setweight(to_tsvector('simple', NEW.title), 'A') ||
          setweight(to_tsvector('russian', NEW.summary), 'B') || setweight(to_tsvector('simple', NEW.summary), 'B') ||
          setweight(to_tsvector('russian', NEW.problem || ' ' || NEW.solution || ' ' || NEW.results), 'C') ||
          setweight(to_tsvector('simple', NEW.problem || ' ' || NEW.solution || ' ' || NEW.results), 'D');
        NEW.search_text := lower(NEW.title || ' ' || NEW.summary);
        RETURN NEW;
      END $$`);
    await queryRunner.query(`UPDATE practices SET title = title`);
    await queryRunner.query(`ALTER TABLE "practices" DROP COLUMN "search_head"`);
  }
}
