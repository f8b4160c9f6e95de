/**
 * A state machine as a table: for each action, the statuses it may start from and the one it leads
 * to. Each table (`membership-status.ts`, `verification-status.ts`, `entry-status.ts`, and
 * `practice-status.ts` before them) is the only place its transitions exist, and is unit-tested pair
 * by pair.
 */
export interface Transition<S extends string> {
  from: readonly S[];
  to: S;
  /** The person concerned receives the reason, so a refusal must give one. */
  needsReason: boolean;
}

export type TransitionTable<S extends string, A extends string> = Readonly<Record<A, Transition<S>>>;

/** The status after `action`, or undefined when the action is not allowed from `current`. */
export function nextStatusIn<S extends string, A extends string>(
  table: TransitionTable<S, A>,
  current: S,
  action: A,
): S | undefined {
  const transition = table[action];
  return transition.from.includes(current) ? transition.to : undefined;
}
