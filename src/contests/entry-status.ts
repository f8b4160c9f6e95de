import { nextStatusIn, TransitionTable } from '../common/decisions/transition-table';

/**
 * A contest entry's life (§2), in one table; only accepted entries are on the ballot:
 *   pending ──accept──▶ accepted (numbered)
 *   pending ──reject──▶ rejected
 */
export const ENTRY_STATUSES = ['pending', 'accepted', 'rejected'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

export const ENTRY_ACTIONS = ['accept', 'reject'] as const;
export type EntryAction = (typeof ENTRY_ACTIONS)[number];

export const ENTRY_TRANSITIONS: TransitionTable<EntryStatus, EntryAction> = {
  accept: { from: ['pending'], to: 'accepted', needsReason: false },
  reject: { from: ['pending'], to: 'rejected', needsReason: true },
};

export function nextEntryStatus(current: EntryStatus, action: EntryAction): EntryStatus | undefined {
  return nextStatusIn(ENTRY_TRANSITIONS, current, action);
}
