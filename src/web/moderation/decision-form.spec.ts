import { checkDecision, chosenReason, decisionFormOf } from './decision-form';

describe('the moderation decision form', () => {
  it('keeps one reason box per action that needs one, whatever else is posted', () => {
    const form = decisionFormOf('practice', {
      action: 'reject',
      'reason-reject': 'Не по теме конкурса',
      'reason-request_changes': 'черновик',
      'reason-approve': 'ignored',
      reason: 'ignored',
    });
    expect(form).toEqual({
      action: 'reject',
      reasons: { reject: 'Не по теме конкурса', request_changes: 'черновик' },
    });
    expect(chosenReason(form)).toBe('Не по теме конкурса');
  });

  it('takes no reason with an action that needs none, even if a box was filled', () => {
    const form = decisionFormOf('voter_verification', { action: 'approve', 'reason-refuse': 'typed' });
    expect(chosenReason(form)).toBeUndefined();
  });

  it.each([
    ['practice', { action: 'request_changes', 'reason-request_changes': ' ' }, 'reason', 'reasonRequired'],
    ['entry', { action: 'reject' }, 'reason', 'reasonRequired'],
    ['representative', { action: 'refuse', 'reason-refuse': 'ab' }, 'reason', 'minLength'],
    ['voter_verification', {}, 'action', 'required'],
    ['entry', { action: 'approve' }, 'action', 'required'],
    ['practice', { action: 'archive' }, 'action', 'required'],
  ] as const)('refuses %s %j at %s (%s)', async (kind, body, field, code) => {
    const errors = await checkDecision(kind, decisionFormOf(kind, body));
    expect(errors).toEqual([expect.objectContaining({ field, code })]);
  });

  it.each([
    ['practice', { action: 'approve' }],
    ['practice', { action: 'reject', 'reason-reject': 'Нет результатов' }],
    ['entry', { action: 'accept' }],
    ['voter_verification', { action: 'refuse', 'reason-refuse': 'Телефон не отвечает' }],
  ] as const)('accepts %s %j', async (kind, body) => {
    expect(await checkDecision(kind, decisionFormOf(kind, body))).toEqual([]);
  });
});
