import { sanitizeFileName, storedFileName } from './file-name';
import { SniffedType } from './file-type';

const PDF = { kind: 'document', mime: 'application/pdf', extension: 'pdf' } as SniffedType;
const JPEG = { kind: 'image', mime: 'image/jpeg', extension: 'jpg' } as SniffedType;
const DOCX = {
  kind: 'document',
  mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  extension: 'docx',
} as SniffedType;

describe('sanitizeFileName', () => {
  it('keeps the last path segment without control characters or quotes', () => {
    expect(sanitizeFileName('C:\\Users\\a\\..\\"Отчёт"\u0007 2024.pdf')).toBe('Отчёт 2024.pdf');
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFileName(undefined)).toBe('');
  });

  it('strips every bidirectional control, so "report\\u202Efdp.exe" cannot pose as a PDF', () => {
    expect(sanitizeFileName('report\u202efdp.exe')).toBe('reportfdp.exe');
    const controls = '\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c';
    expect(sanitizeFileName(`a${controls}b.pdf`)).toBe('ab.pdf');
  });

  it('keeps right-to-left letters themselves', () => {
    expect(sanitizeFileName('تقرير.pdf')).toBe('تقرير.pdf');
  });
});

describe('storedFileName', () => {
  it.each([
    ['report.exe', PDF, 'report.pdf'],
    ['report.pdf.exe', PDF, 'report.pdf.pdf'],
    ['Report.PDF', PDF, 'Report.PDF'],
    ['photo.jpeg', JPEG, 'photo.jpeg'],
    ['photo.JPG', JPEG, 'photo.JPG'],
    ['photo.png', JPEG, 'photo.jpg'],
    ['положение.doc', DOCX, 'положение.docx'],
    ['Report v1.2 final', PDF, 'Report v1.2 final.pdf'],
    ['Отчёт 2024.03', PDF, 'Отчёт 2024.03.pdf'],
    ['noextension', DOCX, 'noextension.docx'],
    ['', PDF, 'file.pdf'],
    ['.exe', PDF, 'file.pdf'],
  ])('stores %j detected as %o as %j', (name, type, stored) => {
    expect(storedFileName(name, type)).toBe(stored);
  });

  it('stays within 200 characters when an extension is added', () => {
    const stored = storedFileName('a'.repeat(200), DOCX);
    expect(stored).toHaveLength(200);
    expect(stored.endsWith('a.docx')).toBe(true);
  });

  it('ends in the detected extension after a bidi override is stripped', () => {
    expect(storedFileName(sanitizeFileName('invoice\u202efdp.exe'), PDF)).toBe('invoicefdp.pdf');
  });
});
