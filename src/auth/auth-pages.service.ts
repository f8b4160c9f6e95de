import * as fs from 'node:fs';
import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';
import { Locale } from '../common/i18n/locale';
import { PageForm, PageRenderer, PageResult } from '../common/pages/page-renderer';
import { projectPath } from '../common/project-path';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, isCommonPassword } from './password-policy';
import { PasswordResetService } from './password-reset.service';
import { RegistrationService } from './registration.service';

type Strings = Record<string, string>;
type PageKind = 'confirm' | 'reset';

/**
 * The small pages that email links open. A GET only shows a button (mail scanners that open links
 * must not use the token up); the button's POST does the work. No JavaScript: works on any phone.
 */
@Injectable()
export class AuthPagesService {
  private readonly strings = JSON.parse(
    fs.readFileSync(projectPath('src', 'auth', 'pages', 'strings.json'), 'utf8'),
  ) as Record<Locale, Strings>;
  constructor(
    private readonly registration: RegistrationService,
    private readonly passwordReset: PasswordResetService,
    private readonly renderer: PageRenderer,
  ) {}

  async confirmForm(token: string | undefined, locale: Locale): Promise<PageResult> {
    if (!token || !(await this.registration.isConfirmationTokenLive(token))) {
      return this.invalid('confirm', locale);
    }
    const t = this.strings[locale];
    return this.page(200, 'confirm', locale, t.confirmHeading, [t.confirmText], [], {
      token,
      button: t.confirmButton,
    });
  }

  async confirm(token: string, address: string, locale: Locale): Promise<PageResult> {
    const t = this.strings[locale];
    try {
      await this.registration.confirmEmail(token, address);
      return this.page(200, 'confirm', locale, t.confirmedHeading, [t.confirmedText]);
    } catch (error) {
      return this.failure(error, 'confirm', locale);
    }
  }

  async resetForm(token: string | undefined, locale: Locale, errors: string[] = []): Promise<PageResult> {
    if (!token || !(await this.passwordReset.isResetTokenLive(token))) {
      return this.invalid('reset', locale);
    }
    const t = this.strings[locale];
    return this.page(errors.length ? 400 : 200, 'reset', locale, t.resetHeading, [t.resetText], errors, {
      token,
      button: t.resetButton,
      password: true,
      passwordLabel: t.resetLabel,
    });
  }

  async reset(token: string, password: string, address: string, locale: Locale): Promise<PageResult> {
    const problems = this.passwordProblems(password, locale);
    if (problems.length > 0) {
      return this.resetForm(token, locale, problems);
    }
    const t = this.strings[locale];
    try {
      await this.passwordReset.resetPassword({ token, password }, address);
      return this.page(200, 'reset', locale, t.resetDoneHeading, [t.resetDoneText]);
    } catch (error) {
      return this.failure(error, 'reset', locale);
    }
  }

  private passwordProblems(password: string, locale: Locale): string[] {
    const t = this.strings[locale];
    if (password.length < PASSWORD_MIN_LENGTH) {
      return [t.passwordTooShort];
    }
    if (password.length > PASSWORD_MAX_LENGTH) {
      return [t.passwordTooLong];
    }
    return isCommonPassword(password) ? [t.passwordCommon] : [];
  }

  private failure(error: unknown, kind: PageKind, locale: Locale): PageResult {
    if (error instanceof DomainError && error.status === 429) {
      const t = this.strings[locale];
      return this.page(429, kind, locale, t.tooManyHeading, [t.tooManyText]);
    }
    if (error instanceof DomainError && error.status === 401) {
      return this.invalid(kind, locale);
    }
    throw error;
  }

  private invalid(kind: PageKind, locale: Locale): PageResult {
    const t = this.strings[locale];
    return this.page(410, kind, locale, t.invalidHeading, [t.invalidText]);
  }

  private page(
    status: number,
    kind: PageKind,
    locale: Locale,
    heading: string,
    paragraphs: string[],
    errors: string[] = [],
    form?: PageForm,
  ): PageResult {
    const path = kind === 'confirm' ? '/confirm-email' : '/reset-password';
    return this.renderer.render({ status, locale, path, heading, paragraphs, errors, form });
  }
}
