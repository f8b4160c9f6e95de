import {
  changesCatalog,
  nextStatus,
  PRACTICE_STATUSES,
  PracticeAction,
  PracticeStatus,
  TRANSITIONS,
  isEditable,
} from './practice-status';

/** Every (state, action) pair of the spec's diagram; anything not listed here must be refused. */
const ALLOWED: Record<string, PracticeStatus> = {
  'draft/submit': 'submitted',
  'changes_requested/submit': 'submitted',
  'draft/withdraw': 'withdrawn',
  'submitted/withdraw': 'withdrawn',
  'changes_requested/withdraw': 'withdrawn',
  'submitted/claim': 'in_review',
  'submitted/approve': 'published',
  'in_review/approve': 'published',
  'submitted/reject': 'rejected',
  'in_review/reject': 'rejected',
  'submitted/request_changes': 'changes_requested',
  'in_review/request_changes': 'changes_requested',
  'published/archive': 'archived',
};

const ACTIONS = Object.keys(TRANSITIONS) as PracticeAction[];
const PAIRS = PRACTICE_STATUSES.flatMap((status) => ACTIONS.map((action) => [status, action] as const));

describe('practice state machine', () => {
  it('covers 8 statuses × 7 actions', () => {
    expect(PAIRS).toHaveLength(56);
  });

  it.each(PAIRS)('%s --%s--> as the spec says', (status, action) => {
    expect(nextStatus(status, action)).toBe(ALLOWED[`${status}/${action}`]);
  });

  it('allows edits only in draft and changes_requested', () => {
    expect(PRACTICE_STATUSES.filter(isEditable)).toEqual(['draft', 'changes_requested']);
  });

  it('requires a reason exactly for reject and request_changes', () => {
    expect(ACTIONS.filter((action) => TRANSITIONS[action].needsReason).sort()).toEqual([
      'reject',
      'request_changes',
    ]);
  });

  it('changes the public catalog exactly on approve and archive', () => {
    expect(ACTIONS.filter(changesCatalog).sort()).toEqual(['approve', 'archive']);
  });
});
