import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { FastifyReply, FastifyRequest } from 'fastify';
import { AuditQueryDto } from '../../audit/dto/audit.dto';
import { AuditService } from '../../audit/audit.service';
import { FieldError } from '../../common/errors/domain-error';
import { AdminUsersService } from '../../users/admin-users.service';
import { localizeErrors, validateAgainst } from '../forms/form-validation';
import { WebRenderer } from '../render/web-renderer';
import { AUDIT_FIELDS, AuditFilter, parseAuditFilter, readAuditForm } from './audit-filter';
import { AUDIT_PAGE_SIZE, auditPage } from './audit.view';

/** The audit log with its filters (a GET form: a filtered view can be bookmarked), newest first. */
@Injectable()
export class AdminAuditHandler {
  constructor(
    private readonly web: WebRenderer,
    private readonly audit: AuditService,
    private readonly adminUsers: AdminUsersService,
  ) {}

  async show(request: FastifyRequest, reply: FastifyReply, raw: Record<string, unknown>): Promise<void> {
    const context = this.web.context(request);
    const form = readAuditForm(raw);
    const { filter, errors } = parseAuditFilter(form);
    const actorId = await this.actorIdOf(filter, errors);
    const { value, errors: dtoErrors } = await validateAgainst(AuditQueryDto, {
      actorId,
      action: filter.action,
      objectType: filter.objectType,
      objectId: filter.objectId,
      from: filter.from,
      to: filter.to,
      cursor: filter.cursor,
      limit: AUDIT_PAGE_SIZE,
    });
    const problems = [
      ...errors,
      ...dtoErrors.map((error) => ({ ...error, field: formFieldOf(error.field) })),
    ];
    if (problems.length > 0) {
      const localized = localizeErrors(context, 'admin.audit.errors', problems, AuditQueryDto, [
        ...AUDIT_FIELDS,
      ]);
      await this.web.send(request, reply, auditPage(context, form, null, new Map(), localized));
      return;
    }
    const entries = await this.audit.search(value);
    // Actors and user objects are shown by name; an object id of another kind is no user id.
    const userIds = entries.items
      .flatMap((entry) => [entry.actorId, entry.objectType === 'user' ? entry.objectId : null])
      .filter((id): id is string => id !== null && isUUID(id));
    const names = await this.adminUsers.namesOf(userIds);
    await this.web.send(request, reply, auditPage(context, form, entries, names));
  }

  /** An email is looked up (an unknown one is an error on the field); an id is taken as it is. */
  private async actorIdOf(filter: AuditFilter, errors: FieldError[]): Promise<string | undefined> {
    if (!filter.actor) {
      return undefined;
    }
    if ('id' in filter.actor) {
      return filter.actor.id;
    }
    const id = await this.adminUsers.idOfEmail(filter.actor.email);
    if (!id) {
      errors.push({ field: 'actor', code: 'unknownEmail', message: 'no account has this email' });
    }
    return id ?? undefined;
  }
}

/** The API DTO names the actor `actorId`; the form calls the field `actor`. */
function formFieldOf(dtoField: string): string {
  return dtoField === 'actorId' ? 'actor' : dtoField;
}
