import { Injectable, PipeTransform } from '@nestjs/common';

/**
 * A query member read without a DTO (the email-link pages' `token`): a repeated member arrives as an
 * array, which the pages treat like a missing one (their "invalid link" page), never as a string.
 */
@Injectable()
export class SingleTextPipe implements PipeTransform<unknown, string | undefined> {
  transform(value: unknown): string | undefined {
    return typeof value === 'string' ? value : undefined;
  }
}
