import { ContestDto } from '../../contests/dto/contest.dto';
import { OwnPracticeEntry } from '../../contests/practice-entries';
import { AttachmentDto, PracticeDto } from '../../practices/dto/practice.dto';
import { PracticeStatus } from '../../practices/practice-status';
import { MessageCatalog } from '../i18n/message-catalog';
import { WebContext } from '../render/page';
import { attachmentsPage, isUploadRefusal, REFUSAL_BY_CODE, UPLOAD_REFUSALS } from './attachments.view';
import { contestsPage } from './contests.view';

const catalog = MessageCatalog.load();
const context: WebContext = {
  locale: 'en',
  url: '/',
  t: (key, params) => catalog.t('en', key, params),
  tn: (key, count, params) => catalog.tn('en', key, count, params),
};

const file = (id: string, kind: 'image' | 'document', fileName: string): AttachmentDto =>
  ({
    id,
    kind,
    fileName,
    mimeType: kind === 'image' ? 'image/jpeg' : 'application/pdf',
    sizeBytes: 2048,
  }) as AttachmentDto;

const practice = (status: PracticeStatus, attachments: AttachmentDto[] = []): PracticeDto =>
  ({ id: 'p1', title: 'Open budget', status, attachments }) as unknown as PracticeDto;

const TEN_MB = 10 * 1024 * 1024;

describe('attachments page (view)', () => {
  it('offers the form on an editable practice, with the limits from the configuration', () => {
    const page = attachmentsPage(context, practice('draft', [file('a', 'image', 'x.jpg')]), TEN_MB);
    expect(page.form).toBe(true);
    expect(page.model).toMatchObject({
      editable: true,
      full: false,
      usage: '1 of 10 files added',
      hint: expect.stringContaining('Accepted: JPG, PNG, WEBP, PDF, DOCX, up to 10 MB each'),
    });
    expect(page.breadcrumbs).toEqual([
      { text: "Your municipality's practices", href: '/my' },
      { text: 'Open budget', href: '/my/practices/p1' },
    ]);
  });

  it('lists a practice under review without any form', () => {
    const page = attachmentsPage(context, practice('submitted', [file('d', 'document', 'r.pdf')]), TEN_MB);
    expect(page.form).toBe(false);
    expect(page.model).toMatchObject({
      editable: false,
      documents: [{ name: 'r.pdf', type: 'PDF', size: '2 KB' }],
    });
  });

  it('puts a refusal at the file field and in the error summary', () => {
    const page = attachmentsPage(context, practice('draft'), TEN_MB, 'tooLarge');
    expect(page.errors).toEqual([{ text: expect.stringContaining('larger than 10 MB'), href: '#file' }]);
    expect(page.model?.fieldError).toBe(page.errors?.[0].text);
  });

  it('has a message for every refusal the service can give, and reads no other word back', () => {
    for (const refusal of UPLOAD_REFUSALS) {
      expect(catalog.has('en', `myFiles.attachments.errors.${refusal}`)).toBe(true);
    }
    expect(Object.values(REFUSAL_BY_CODE).every(isUploadRefusal)).toBe(true);
    expect(isUploadRefusal('constructor')).toBe(false);
  });
});

describe('contests page (view)', () => {
  const open = {
    id: 'c1',
    title: 'Best practice',
    entriesCloseAt: new Date('2026-12-10T12:00:00Z'),
    nominations: [
      { id: 'n1', title: 'Budget', winnersCount: 1 },
      { id: 'n2', title: 'Participation', winnersCount: 1 },
    ],
  } as ContestDto;
  const pending: OwnPracticeEntry = {
    id: 'e1',
    contestId: 'c1',
    contestTitle: 'Best practice',
    contestPhase: 'accepting_entries',
    nominationId: 'n1',
    nominationTitle: 'Budget',
    status: 'pending',
    reason: null,
    enteredAt: new Date('2026-12-01T06:00:00Z'),
    decidedAt: null,
  };

  it('offers a nomination form for each open contest the practice has not entered', () => {
    const page = contestsPage(context, practice('published'), [open], []);
    const [contest] = page.model?.contests as { entered?: string; nominations: unknown[]; closes: string }[];
    expect(contest.entered).toBeUndefined();
    expect(contest.nominations).toHaveLength(2);
    expect(contest.closes).toBe('Entries close 10 December 2026 at 18:00');
  });

  it('says which nomination a practice is in instead of a second form', () => {
    const page = contestsPage(context, practice('published'), [open], [pending]);
    const [contest] = page.model?.contests as { entered?: string }[];
    expect(contest.entered).toBe('Entered in the nomination “Budget”.');
    expect(page.model?.entries).toMatchObject([{ statusLabel: 'Waiting for a moderator', reason: null }]);
  });

  it('keeps the chosen nomination on a refusal and links the summary to it', () => {
    const page = contestsPage(context, practice('published'), [open], [], {
      contestId: 'c1',
      refusal: 'alreadyEntered',
      nominationId: 'n2',
    });
    expect(page.errors).toEqual([
      { text: expect.stringContaining('already entered'), href: '#nomination-c1' },
    ]);
    const [contest] = page.model?.contests as { nominations: { checked: boolean }[] }[];
    expect(contest.nominations.map((n) => n.checked)).toEqual([false, true]);
  });

  it('shows a rejection with its reason, and no form for a practice that is not published', () => {
    const rejected = { ...pending, status: 'rejected' as const, reason: 'Not in this nomination' };
    const page = contestsPage(context, practice('draft'), [open], [rejected]);
    expect(page.form).toBe(false);
    expect(page.model?.entries).toMatchObject([
      { statusLabel: 'Rejected', reason: 'Not in this nomination' },
    ]);
  });
});
