import { SniffedType } from './file-type';

const MAX_FILE_NAME_LENGTH = 200;
const FALLBACK_BASE_NAME = 'file';

/**
 * Bidirectional controls (embeddings, overrides, isolates, marks) let a name display differently
 * from what it is: `report\u202Efdp.exe` shows as `reportexe.pdf`.
 */
const BIDI_CONTROLS = new Set([
  '\u061c',
  '\u200e',
  '\u200f',
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
]);

/**
 * Keeps a readable name for Content-Disposition, without paths, control characters, bidirectional
 * controls or double quotes. Empty once cleaned when nothing readable is left.
 */
export function sanitizeFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  return [...base]
    .filter(
      (char) => char.charCodeAt(0) >= 0x20 && char !== '\u007f' && char !== '"' && !BIDI_CONTROLS.has(char),
    )
    .join('')
    .trim()
    .slice(0, MAX_FILE_NAME_LENGTH);
}

/** Spellings of an extension that name the same type as the sniffer's canonical one. */
const EXTENSION_ALIASES: Record<SniffedType['extension'], readonly string[]> = {
  jpg: ['jpg', 'jpeg'],
  png: ['png'],
  webp: ['webp'],
  pdf: ['pdf'],
  docx: ['docx'],
};

/** What looks like an extension (`.exe`, `.Docx`, `.mp4`); `.03` in `report 2024.03` does not. */
const EXTENSION = /\.([A-Za-z0-9]{1,5})$/;

/**
 * The name a file is stored and downloaded under: its extension always names the type that was
 * detected, so the reader's system opens it with the right program. A matching extension is kept
 * as typed (`Photo.JPEG`); another one is replaced (`report.exe` sniffed as PDF → `report.pdf`);
 * a name without one gets one (`Report v1.2 final` → `Report v1.2 final.pdf`).
 */
export function storedFileName(sanitizedName: string, type: SniffedType): string {
  const match = EXTENSION.exec(sanitizedName);
  const extension = match && /[A-Za-z]/.test(match[1]) ? match[1] : undefined;
  if (extension && EXTENSION_ALIASES[type.extension].includes(extension.toLowerCase())) {
    return sanitizedName;
  }
  const base = extension ? sanitizedName.slice(0, -extension.length - 1) : sanitizedName;
  const suffix = `.${type.extension}`;
  const trimmedBase = base
    .trimEnd()
    .slice(0, MAX_FILE_NAME_LENGTH - suffix.length)
    .trimEnd();
  return `${trimmedBase || FALLBACK_BASE_NAME}${suffix}`;
}
