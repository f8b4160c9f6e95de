/**
 * The practice state machine of the spec (§2), in one table. Every code path that changes a status
 * goes through `nextStatus`; no other transition exists.
 *
 *   draft ──submit──▶ submitted ──claim──▶ in_review ──approve──▶ published ──archive──▶ archived
 *                         ▲                    │ └──reject──▶ rejected
 *   changes_requested ─submit─┘  ◀──request_changes──┘
 *   draft | submitted | changes_requested ──withdraw──▶ withdrawn
 * A moderator may decide straight from `submitted` (claiming is implicit).
 */
export const PRACTICE_STATUSES = [
  'draft',
  'submitted',
  'in_review',
  'changes_requested',
  'published',
  'rejected',
  'withdrawn',
  'archived',
] as const;
export type PracticeStatus = (typeof PRACTICE_STATUSES)[number];

export const OWNER_ACTIONS = ['submit', 'withdraw'] as const;
export const MODERATOR_ACTIONS = ['claim', 'approve', 'reject', 'request_changes', 'archive'] as const;
export type OwnerAction = (typeof OWNER_ACTIONS)[number];
export type ModeratorAction = (typeof MODERATOR_ACTIONS)[number];
export type PracticeAction = OwnerAction | ModeratorAction;

interface Transition {
  from: readonly PracticeStatus[];
  to: PracticeStatus;
  /** Reject and request_changes must say why; the author receives the reason. */
  needsReason: boolean;
}

export const TRANSITIONS: Record<PracticeAction, Transition> = {
  submit: { from: ['draft', 'changes_requested'], to: 'submitted', needsReason: false },
  withdraw: { from: ['draft', 'submitted', 'changes_requested'], to: 'withdrawn', needsReason: false },
  claim: { from: ['submitted'], to: 'in_review', needsReason: false },
  approve: { from: ['submitted', 'in_review'], to: 'published', needsReason: false },
  reject: { from: ['submitted', 'in_review'], to: 'rejected', needsReason: true },
  request_changes: { from: ['submitted', 'in_review'], to: 'changes_requested', needsReason: true },
  archive: { from: ['published'], to: 'archived', needsReason: false },
};

/** Statuses in which the owners may edit the text; edits do not change the status. */
export const EDITABLE_STATUSES: readonly PracticeStatus[] = ['draft', 'changes_requested'];

/** Statuses waiting for a moderator. */
export const AWAITING_MODERATION: readonly PracticeStatus[] = ['submitted', 'in_review'];

/** The status after `action`, or undefined when the action is not allowed from `current`. */
export function nextStatus(current: PracticeStatus, action: PracticeAction): PracticeStatus | undefined {
  const transition = TRANSITIONS[action];
  return transition.from.includes(current) ? transition.to : undefined;
}

/** Whether the action moves a practice into or out of the public catalog. */
export function changesCatalog(action: PracticeAction): boolean {
  const { from, to } = TRANSITIONS[action];
  return to === 'published' || from.includes('published');
}

export function isEditable(status: PracticeStatus): boolean {
  return EDITABLE_STATUSES.includes(status);
}
