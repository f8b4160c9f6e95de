import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { FileStorage } from '../storage/file-storage';
import { ResultsRepository } from './results.repository';
import { ledgerStorageKey } from './results.service';

/**
 * One-time job at start-up (after the migrations): ledgers published while they were kept in
 * `contest_results.ledger_csv` move to the file storage byte for byte. Each row moves in its own
 * transaction, only after the stored bytes' SHA-256 equals the published digest; a row that does not
 * match stays where it is (still served from the row) and is logged. Rows locked by another instance
 * doing the same are skipped, so instances may start together.
 */
@Injectable()
export class LedgerRelocation {
  private readonly logger = new Logger(LedgerRelocation.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly results: ResultsRepository,
    private readonly storage: FileStorage,
  ) {}

  /** Returns how many ledgers moved. */
  async run(): Promise<number> {
    let moved = 0;
    for (const contestId of await this.results.contestsWithLedgerInRow()) {
      if (await this.move(contestId)) {
        moved += 1;
      }
    }
    if (moved > 0) {
      this.logger.log({ moved }, 'ledgers moved from the database to the file storage');
    }
    return moved;
  }

  private move(contestId: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.results.lockLedgerInRow(manager, contestId);
      if (!row) {
        return false;
      }
      const bytes = Buffer.from(row.ledger_csv, 'utf8');
      if (createHash('sha256').update(bytes).digest('hex') !== row.ledger_sha256) {
        this.logger.error(
          { contestId },
          'ledger in the row does not match its published digest: left in place',
        );
        return false;
      }
      const key = ledgerStorageKey(contestId);
      await this.storage.putStream(key, Readable.from([bytes]), 'text/csv; charset=utf-8');
      const stored = await this.storage.get(key);
      if (!stored?.equals(bytes)) {
        throw new Error(`The relocated ledger of contest ${contestId} reads back different bytes`);
      }
      await this.results.setLedgerStored(manager, contestId, key, bytes.length);
      return true;
    });
  }
}
