import { Role, STORED_ROLES } from '../../common/auth/role';
import { AdminUserDto, AdminUserPageDto } from '../../users/dto/admin-user.dto';
import { LocalizedErrors } from '../forms/form-validation';
import { formatDate, formatDateTime } from '../render/formats';
import { Link, Page, WebContext } from '../render/page';
import { adminCrumbs, summaryRows } from './admin-home.view';

/** The search form's fields, in the order the error summary lists them. */
export const USER_SEARCH_FIELDS = ['q', 'role'] as const;

export type UserSearchForm = Partial<Record<(typeof USER_SEARCH_FIELDS)[number] | 'cursor', string>>;

/** Users per page: a phone screen or two. */
export const USERS_PAGE_SIZE = 20;

interface Tag {
  text: string;
  classes: string;
}

/** What an admin sees of a user at a glance: staff roles first, then what is wrong or notable. */
function tagsOf(context: WebContext, user: AdminUserDto): Tag[] {
  const tags: Tag[] = [];
  for (const role of STORED_ROLES.filter((known) => user.roles.includes(known))) {
    tags.push({ text: context.t(`admin.roles.${role}`), classes: 'govuk-tag--blue' });
  }
  if (user.blockedAt) {
    tags.push({ text: context.t('admin.users.tags.blocked'), classes: 'govuk-tag--red' });
  }
  if (!user.emailConfirmedAt) {
    tags.push({ text: context.t('admin.users.tags.unconfirmed'), classes: 'govuk-tag--yellow' });
  }
  if (user.voterVerifiedAt) {
    tags.push({ text: context.t('admin.users.tags.verified'), classes: 'govuk-tag--green' });
  }
  return tags;
}

export function usersHref(form: UserSearchForm, changes: UserSearchForm = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...form, ...changes })) {
    if (value) {
      params.set(key, value);
    }
  }
  const query = params.toString();
  return query ? `/admin/users?${query}` : '/admin/users';
}

/** The users list: search by email or name, a role filter, stacked rows (a phone has no room for a table). */
export function usersPage(
  context: WebContext,
  form: UserSearchForm,
  results: AdminUserPageDto | null,
  errors?: LocalizedErrors,
): Page {
  return {
    template: 'admin/users.njk',
    title: context.t('admin.users.title'),
    status: errors ? 400 : 200,
    errors: errors?.summary,
    breadcrumbs: adminCrumbs(context),
    model: {
      form,
      fieldErrors: errors?.byField ?? {},
      roleOptions: [
        { value: '', text: context.t('admin.users.anyRole'), selected: !form.role },
        ...STORED_ROLES.map((role) => ({
          value: role,
          text: context.t(`admin.roles.${role}`),
          selected: form.role === role,
        })),
      ],
      rows: (results?.items ?? []).map((user) => ({
        href: `/admin/users/${user.id}`,
        fullName: user.fullName,
        email: user.email,
        since: formatDate(user.createdAt, context.locale),
        tags: tagsOf(context, user),
      })),
      searched: results !== null,
      nextHref: results?.nextCursor ? usersHref(form, { cursor: results.nextCursor }) : null,
      firstHref: form.cursor ? usersHref({ ...form, cursor: undefined }) : null,
    },
  };
}

function dateOrNo(context: WebContext, value: Date | null): string {
  return value ? formatDateTime(value, context.locale) : context.t('admin.user.no');
}

interface RoleAction {
  role: Role;
  change: 'grant' | 'revoke';
  text: string;
}

/**
 * One user's page: details, the staff roles with a button to grant or revoke each, and block or
 * unblock. An admin's own page offers neither block nor removing admin: the service refuses both.
 */
export function userPage(context: WebContext, user: AdminUserDto, refusal?: string, status = 200): Page {
  const own = context.user?.id === user.id;
  const roleActions: RoleAction[] = STORED_ROLES.filter((role) => !(own && role === Role.Admin)).map(
    (role) => {
      const change = user.roles.includes(role) ? 'revoke' : 'grant';
      return { role, change, text: context.t(`admin.user.${change}.${role}`) };
    },
  );
  const crumbs: Link[] = [
    ...adminCrumbs(context),
    { text: context.t('admin.users.title'), href: '/admin/users' },
  ];
  return {
    template: 'admin/user.njk',
    title: user.fullName,
    status,
    form: true,
    breadcrumbs: crumbs,
    errors: refusal ? [{ text: refusal, href: '#access' }] : undefined,
    model: {
      person: user,
      own,
      refusal,
      roleActions,
      rolesText:
        user.roles.length > 0
          ? user.roles.map((role) => context.t(`admin.roles.${role}`)).join(', ')
          : context.t('admin.user.noRoles'),
      detailRows: summaryRows([
        [context.t('admin.user.email'), user.email],
        [context.t('admin.user.registered'), formatDateTime(user.createdAt, context.locale)],
        [context.t('admin.user.language'), context.t(`admin.languages.${user.locale}`)],
        [context.t('admin.user.emailConfirmed'), dateOrNo(context, user.emailConfirmedAt)],
        [context.t('admin.user.voterVerified'), dateOrNo(context, user.voterVerifiedAt)],
        [context.t('admin.user.blocked'), dateOrNo(context, user.blockedAt)],
      ]),
      historyHref: `/admin/audit?objectType=user&objectId=${user.id}`,
      actionsHref: `/admin/audit?actor=${user.id}`,
    },
  };
}
