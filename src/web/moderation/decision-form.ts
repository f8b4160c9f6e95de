import { FieldError } from '../../common/errors/domain-error';
import { EntryDecisionDto } from '../../contests/dto/entry.dto';
import { DECISION_ACTIONS } from '../../moderation/decision-actions';
import { QueueKind } from '../../moderation/dto/queue.dto';
import { PracticeDecisionDto } from '../../practices/dto/practice-input.dto';
import { MembershipDecisionDto } from '../../representatives/dto/representative.dto';
import { VerificationDecisionDto } from '../../verification/dto/verification.dto';
import {
  localizeErrors,
  LocalizedErrors,
  optionalText,
  text,
  validateAgainst,
} from '../forms/form-validation';
import { WebContext } from '../render/page';

/** Each kind's API body: the form is checked against it, so the page and the API accept the same. */
const DECISION_DTOS: Record<QueueKind, new () => object> = {
  practice: PracticeDecisionDto,
  entry: EntryDecisionDto,
  representative: MembershipDecisionDto,
  voter_verification: VerificationDecisionDto,
};

/**
 * The decision form as posted: the chosen action and one reason box per action that needs a reason.
 * Each box has its own name, so with JavaScript off (every box shown) nothing typed is lost or mixed.
 */
export interface DecisionForm {
  action: string;
  reasons: Record<string, string>;
}

export const reasonField = (action: string): string => `reason-${action}`;

export function decisionFormOf(kind: QueueKind, body: Record<string, unknown>): DecisionForm {
  const reasons: Record<string, string> = {};
  for (const { action, needsReason } of DECISION_ACTIONS[kind]) {
    if (needsReason) {
      reasons[action] = text(body[reasonField(action)]);
    }
  }
  return { action: text(body.action), reasons };
}

export const emptyDecisionForm = (): DecisionForm => ({ action: '', reasons: {} });

/** The reason that goes with the chosen action (absent for an action that takes none). */
export function chosenReason(form: DecisionForm): string | undefined {
  return optionalText(form.reasons[form.action]);
}

/**
 * The form's errors in the visitor's language: no decision chosen, a reason missing where the
 * service requires one, or a reason the API's DTO refuses (too short, too long). Reason errors are
 * reported at the chosen action's own box.
 */
export async function checkDecision(kind: QueueKind, form: DecisionForm): Promise<FieldError[]> {
  const spec = DECISION_ACTIONS[kind].find(({ action }) => action === form.action);
  if (!spec) {
    return [{ field: 'action', code: 'required', message: 'choose a decision' }];
  }
  const reason = chosenReason(form);
  if (spec.needsReason && !reason) {
    return [{ field: 'reason', code: 'reasonRequired', message: 'a reason is required' }];
  }
  const { errors } = await validateAgainst(DECISION_DTOS[kind], { action: form.action, reason });
  return errors;
}

export function localizeDecisionErrors(
  context: WebContext,
  kind: QueueKind,
  form: DecisionForm,
  errors: FieldError[],
): LocalizedErrors {
  const localized = localizeErrors(context, 'moderation.decision.errors', errors, DECISION_DTOS[kind], [
    'action',
    'reason',
  ]);
  // The DTO calls it `reason`; the page has one box per action: point at the chosen one's box.
  const box = `#${reasonField(form.action)}`;
  const byField = Object.fromEntries(
    Object.entries(localized.byField).map(([field, message]) => [
      field === 'reason' ? reasonField(form.action) : field,
      message,
    ]),
  );
  const summary = localized.summary.map((item) => (item.href === '#reason' ? { ...item, href: box } : item));
  return { byField, summary };
}
