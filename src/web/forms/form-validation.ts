import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validate } from 'class-validator';
import { FieldError } from '../../common/errors/domain-error';
import { flattenValidationErrors } from '../../common/http/validation.pipe';
import { ErrorItem, WebContext } from '../render/page';

export type FormErrors = Record<string, string>;

export interface LocalizedErrors {
  /** Field name → its message (GOV.UK shows one message per field). */
  byField: FormErrors;
  /** The error summary, in the order of the fields, linking to each. */
  summary: ErrorItem[];
}

/**
 * Validates a form's values against the API's own DTO, so the website and the API can never accept
 * different things. The caller has already turned the form's strings into the DTO's types.
 */
export async function validateAgainst<T extends object>(
  dtoClass: new () => T,
  values: Record<string, unknown>,
): Promise<{ value: T; errors: FieldError[] }> {
  const value = plainToInstance(dtoClass, values);
  const failures = await validate(value, { whitelist: true, forbidNonWhitelisted: false });
  return { value, errors: flattenValidationErrors(failures) };
}

/**
 * The stable codes the API reports, as sentences in the visitor's language. A form may word a
 * message its own way (`<formKey>.<field>.<code>`); otherwise the general one (`validation.<code>`)
 * is used with the rule's limits (`{min}`, `{max}`) taken from the DTO's metadata.
 */
export function localizeErrors(
  context: WebContext,
  formKey: string,
  errors: FieldError[],
  dtoClass?: new () => object,
  fieldOrder: string[] = [],
): LocalizedErrors {
  const byField: FormErrors = {};
  for (const error of errors) {
    byField[error.field] ??= messageFor(context, formKey, error, dtoClass);
  }
  const fields = Object.keys(byField).sort((a, b) => rank(fieldOrder, a) - rank(fieldOrder, b));
  return { byField, summary: fields.map((field) => ({ text: byField[field], href: `#${field}` })) };
}

function messageFor(
  context: WebContext,
  formKey: string,
  error: FieldError,
  dtoClass?: new () => object,
): string {
  const specific = `${formKey}.${error.field}.${error.code}`;
  const translated = context.t(specific);
  if (translated !== specific) {
    return translated;
  }
  const general = `validation.${error.code}`;
  const message = context.t(general, ruleLimits(dtoClass, error));
  return message === general ? context.t('validation.invalid') : message;
}

function ruleLimits(dtoClass: (new () => object) | undefined, error: FieldError): Record<string, number> {
  if (!dtoClass) {
    return {};
  }
  const rule = getMetadataStorage()
    .getTargetValidationMetadatas(dtoClass, '', true, false)
    .find((metadata) => metadata.propertyName === error.field && metadata.name === error.code);
  const [first, second] = (rule?.constraints ?? []) as unknown[];
  const limits: Record<string, number> = {};
  if (typeof first === 'number') {
    limits[error.code.startsWith('max') ? 'max' : 'min'] = first;
  }
  if (typeof second === 'number') {
    limits.max = second;
  }
  return limits;
}

function rank(order: string[], field: string): number {
  const index = order.indexOf(field);
  return index === -1 ? order.length : index;
}

/** HTML forms post strings: an empty or whitespace-only field is absent. */
export function optionalText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** A form's field as posted (a string), for re-showing what was typed. */
export function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
