import { Injectable } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Role, STORED_ROLES } from '../../common/auth/role';
import { CommonErrors, DomainError } from '../../common/errors/domain-error';
import { AdminUserQueryDto } from '../../users/dto/admin-user.dto';
import { AdminUsersService } from '../../users/admin-users.service';
import { localizeErrors, validateAgainst } from '../forms/form-validation';
import { WebRenderer } from '../render/web-renderer';
import { webState } from '../web-state';
import { USER_SEARCH_FIELDS, USERS_PAGE_SIZE, userPage, UserSearchForm, usersPage } from './users.view';

/** Users: search and page through them; grant or revoke staff roles; block and unblock. */
@Injectable()
export class AdminUsersHandler {
  constructor(
    private readonly web: WebRenderer,
    private readonly adminUsers: AdminUsersService,
  ) {}

  async showList(
    request: FastifyRequest,
    reply: FastifyReply,
    query: Record<string, unknown>,
  ): Promise<void> {
    const context = this.web.context(request);
    const form = searchFormOf(query);
    const { value, errors } = await validateAgainst(AdminUserQueryDto, { ...form, limit: USERS_PAGE_SIZE });
    if (errors.length > 0) {
      const localized = localizeErrors(context, 'admin.users.errors', errors, AdminUserQueryDto, [
        ...USER_SEARCH_FIELDS,
      ]);
      await this.web.send(request, reply, usersPage(context, form, null, localized));
      return;
    }
    const results = await this.adminUsers.search(value);
    await this.web.send(request, reply, usersPage(context, form, results));
  }

  async showUser(request: FastifyRequest, reply: FastifyReply, id: string): Promise<void> {
    const user = await this.adminUsers.get(id);
    await this.web.send(request, reply, userPage(this.web.context(request), user));
  }

  /** Grants or revokes one staff role; the service audits it and refuses what the API refuses. */
  async changeRole(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    body: Record<string, unknown>,
  ): Promise<void> {
    const role = STORED_ROLES.find((known) => known === body.role);
    const change = body.change === 'grant' || body.change === 'revoke' ? body.change : undefined;
    if (!role || !change) {
      throw CommonErrors.validation([
        { field: 'role', code: 'invalid', message: 'role or change is not valid' },
      ]);
    }
    const user = await this.adminUsers.get(id);
    const roles: Role[] =
      change === 'grant' ? [...new Set([...user.roles, role])] : user.roles.filter((held) => held !== role);
    await this.update(request, reply, id, { roles }, `admin.user.done.${change}.${role}`);
  }

  async setBlocked(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    blocked: boolean,
  ): Promise<void> {
    await this.update(
      request,
      reply,
      id,
      { blocked },
      blocked ? 'admin.user.done.blocked' : 'admin.user.done.unblocked',
    );
  }

  private async update(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    changes: { roles?: Role[]; blocked?: boolean },
    flashKey: string,
  ): Promise<void> {
    try {
      await this.adminUsers.update(webState(request).user!, id, changes);
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'own_access_change')) {
        throw error;
      }
      // Shown on the user's page in the error pattern: the service's own rule, in plain words.
      const context = this.web.context(request);
      const user = await this.adminUsers.get(id);
      await this.web.send(request, reply, userPage(context, user, context.t('admin.user.ownAccess'), 409));
      return;
    }
    this.web.redirect(reply, `/admin/users/${id}`, flashKey);
  }
}

function searchFormOf(query: Record<string, unknown>): UserSearchForm {
  const form: UserSearchForm = {};
  for (const field of [...USER_SEARCH_FIELDS, 'cursor'] as const) {
    const value = query[field];
    if (typeof value === 'string' && value.trim() !== '') {
      form[field] = value.trim();
    }
  }
  return form;
}
