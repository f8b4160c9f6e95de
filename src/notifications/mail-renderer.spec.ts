import { LOCALES } from '../common/i18n/locale';
import { MAIL_TEMPLATES, MailRenderer } from './mail-renderer';

const PAIRS = MAIL_TEMPLATES.flatMap((template) => LOCALES.map((locale) => [template, locale] as const));

describe('MailRenderer', () => {
  const renderer = new MailRenderer();

  it.each(PAIRS)('renders %s in %s as HTML and plain text', (template, locale) => {
    const mail = renderer.render({
      template,
      locale,
      vars: {
        fullName: 'Асель',
        title: 'Прозрачный бюджет',
        approved: true,
        reason: 'ok',
        hours: 1,
        revision: 2,
      },
      actionUrl: 'https://portal.kg/x?token=abc',
      unsubscribeUrl: 'https://portal.kg/unsubscribe?token=t',
    });
    expect(mail.subject.trim()).not.toBe('');
    expect(mail.text).toContain('Асель');
    expect(mail.html).toMatch(new RegExp(`lang=['"]${locale}['"]`));
    expect(mail.text).toContain('https://portal.kg/unsubscribe?token=t');
    expect(mail.html).toContain('https://portal.kg/unsubscribe?token&#x3D;t');
  });

  it('escapes what users wrote in the HTML part', () => {
    const mail = renderer.render({
      template: 'practice-decided',
      locale: 'en',
      vars: { fullName: '<b>x</b>', title: 't', rejected: true, reason: '<script>alert(1)</script>' },
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.text).toContain('<script>alert(1)</script>');
  });
});
