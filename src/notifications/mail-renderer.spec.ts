import { createHash } from 'node:crypto';
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
  it('renders the vote receipt byte for byte as with Handlebars default compile options', () => {
    // Digests recorded before the templates were compiled with knownHelpersOnly and data: false: the
    // receipt (every vote queues one) must not change by a byte.
    const recorded = {
      en: ['ac64804b', '3eaee8d2', '872b9684'],
      ru: ['8e518766', '186c6805', '49aee00a'],
      ky: ['6b9ce01b', '4d302676', '1b4212a9'],
    };
    const digest = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 8);
    for (const locale of LOCALES) {
      const mail = renderer.render({
        template: 'vote-receipt',
        locale,
        vars: {
          fullName: 'Asel <A&B>',
          contest: 'Best practice',
          number: 7,
          title: 'Open budget',
          castAt: '2026-12-03T05:00:00.000Z',
          pseudonym: '0123456789abcdef01234567',
        },
      });
      expect([digest(mail.subject), digest(mail.text), digest(mail.html)]).toEqual(recorded[locale]);
    }
    expect(
      renderer.render({
        template: 'vote-receipt',
        locale: 'en',
        vars: { fullName: 'Asel', contest: 'C', number: 7, title: 'T', castAt: 'now', pseudonym: 'p' },
      }).text,
    ).toBe(
      'Hello, Asel\n\n  Your vote for entry No. 7 “T” in “C” was recorded at now (UTC).\n\n' +
        '  Your pseudonym in this contest is p. When the results are published, look for it in the public ' +
        'vote ledger to check that your vote was counted.\n\nBest-practice portal of local self-government',
    );
  });
});
