import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ranking a full-text page reads search_head for every match. Out of line (TOAST), ranking the 133
 * matches of a bench query took 4.4 ms; kept in the row by STORAGE MAIN (compressed if need be),
 * 2.5 ms (EXPLAIN ANALYZE on the 10,000 practices of bench:catalog). Touching the title makes the
 * search trigger rebuild the vector of every stored row, which is then stored under the new rule
 * (an unchanged value would keep its out-of-line copy).
 */
export class InlineSearchHead1796181987573 implements MigrationInterface {
  name = 'InlineSearchHead1796181987573';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE practices ALTER COLUMN search_head SET STORAGE MAIN`);
    await queryRunner.query(`UPDATE practices SET title = title`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE practices ALTER COLUMN search_head SET STORAGE EXTENDED`);
    await queryRunner.query(`UPDATE practices SET title = title`);
  }
}
