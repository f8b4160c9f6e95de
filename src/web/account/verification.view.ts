import { VerificationStatusDto } from '../../verification/dto/verification.dto';
import { LocalizedErrors } from '../forms/form-validation';
import { Page, WebContext } from '../render/page';
import { PickerModel } from './municipality-picker';

export interface VerificationForm {
  phone: string;
  pin: string;
}

export const VERIFICATION_FIELDS = ['municipalityId', 'phone', 'pin'];

const STATUS_TAG: Record<VerificationStatusDto['status'], string> = {
  pending: 'govuk-tag--yellow',
  approved: 'govuk-tag--green',
  refused: 'govuk-tag--red',
};

/** The voter's request and its decision; a new request is possible only when none is live. */
export function verificationPage(
  context: WebContext,
  status: VerificationStatusDto | null,
  picker: PickerModel,
  form: VerificationForm,
  errors?: LocalizedErrors,
  httpStatus = 200,
): Page {
  const canRequest = !status || status.status === 'refused';
  return {
    template: 'account/verification.njk',
    title: context.t('account.verification.title'),
    status: httpStatus,
    form: canRequest,
    errors: errors?.summary,
    breadcrumbs: [{ text: context.t('account.overview.title'), href: '/account' }],
    model: {
      current: status && {
        label: context.t(`account.verification.status.${status.status}`),
        tagClass: STATUS_TAG[status.status],
        explanation: context.t(`account.verification.explain.${status.status}`),
        reason: status.reason,
        requestedAt: status.requestedAt,
        decidedAt: status.decidedAt,
      },
      canRequest,
      picker,
      pickerAction: '/account/verification',
      form,
      fieldErrors: errors?.byField ?? {},
    },
  };
}
