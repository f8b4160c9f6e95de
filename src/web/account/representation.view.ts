import { MembershipDto } from '../../representatives/dto/representative.dto';
import { LocalizedErrors } from '../forms/form-validation';
import { Page, WebContext } from '../render/page';
import { PickerModel } from './municipality-picker';

const STATUS_TAG: Record<MembershipDto['status'], string> = {
  pending: 'govuk-tag--yellow',
  approved: 'govuk-tag--green',
  refused: 'govuk-tag--red',
  removed: 'govuk-tag--grey',
};

/** The user's requests to represent municipalities, each with its decision, and a new request. */
export function representationPage(
  context: WebContext,
  memberships: (MembershipDto & { municipalityName: string })[],
  picker: PickerModel,
  errors?: LocalizedErrors,
  httpStatus = 200,
): Page {
  return {
    template: 'account/representation.njk',
    title: context.t('account.representation.title'),
    status: httpStatus,
    form: true,
    errors: errors?.summary,
    breadcrumbs: [{ text: context.t('account.overview.title'), href: '/account' }],
    model: {
      memberships: memberships.map((membership) => ({
        municipality: membership.municipalityName,
        label: context.t(`account.representation.status.${membership.status}`),
        tagClass: STATUS_TAG[membership.status],
        reason: membership.reason,
        requestedAt: membership.requestedAt,
      })),
      picker,
      pickerAction: '/account/representation',
      fieldErrors: errors?.byField ?? {},
    },
  };
}
