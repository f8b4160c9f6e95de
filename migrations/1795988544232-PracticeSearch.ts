import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written: the catalog's full-text search. A trigger keeps practices.search_document (Russian
 * stemming plus 'simple' tokens for Kyrgyz and English; title A, summary B, body C/D) and search_text
 * (lower-cased title and summary for pg_trgm similarity: typos and partial words) in step with the text.
 */
export class PracticeSearch1795988544232 implements MigrationInterface {
  name = 'PracticeSearch1795988544232';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`CREATE FUNCTION practices_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search_document :=
          setweight(to_tsvector('russian', NEW.title), 'A') || setweight(to_tsvector('simple', NEW.title), 'A') ||
          setweight(to_tsvector('russian', NEW.summary), 'B') || setweight(to_tsvector('simple', NEW.summary), 'B') ||
          setweight(to_tsvector('russian', NEW.problem || ' ' || NEW.solution || ' ' || NEW.results), 'C') ||
          setweight(to_tsvector('simple', NEW.problem || ' ' || NEW.solution || ' ' || NEW.results), 'D');
        NEW.search_text := lower(NEW.title || ' ' || NEW.summary);
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER practices_search_refresh BEFORE INSERT OR UPDATE OF title, summary, problem, solution, results
         ON practices FOR EACH ROW EXECUTE FUNCTION practices_search_refresh()`,
    );
    await queryRunner.query(
      `CREATE INDEX practices_search_document_idx ON practices USING gin (search_document)`,
    );
    await queryRunner.query(
      `CREATE INDEX practices_search_text_trgm_idx ON practices USING gin (search_text gin_trgm_ops)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX practices_search_text_trgm_idx`);
    await queryRunner.query(`DROP INDEX practices_search_document_idx`);
    await queryRunner.query(`DROP TRIGGER practices_search_refresh ON practices`);
    await queryRunner.query(`DROP FUNCTION practices_search_refresh()`);
  }
}
