/**
 * What a file really is, from its first bytes (issue 17): PDF, JPEG, PNG, OOXML and
 * OpenDocument (ZIP containers) and the old Office formats (OLE compound files). The
 * name's extension must agree with the bytes: a ".pdf" that is a ZIP is refused.
 */
import type { AttachmentKind } from '../../../shared/api/schemas/attachments';

const MIME: Record<AttachmentKind, string> = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
};

type Family = 'pdf' | 'jpeg' | 'png' | 'zip' | 'ole';

const EXTENSIONS: Record<string, { kind: AttachmentKind; family: Family }> = {
  pdf: { kind: 'pdf', family: 'pdf' },
  jpg: { kind: 'jpeg', family: 'jpeg' },
  jpeg: { kind: 'jpeg', family: 'jpeg' },
  png: { kind: 'png', family: 'png' },
  docx: { kind: 'docx', family: 'zip' },
  xlsx: { kind: 'xlsx', family: 'zip' },
  pptx: { kind: 'pptx', family: 'zip' },
  odt: { kind: 'odt', family: 'zip' },
  ods: { kind: 'ods', family: 'zip' },
  doc: { kind: 'doc', family: 'ole' },
  xls: { kind: 'xls', family: 'ole' },
};

function familyOf(bytes: Uint8Array): Family | null {
  const starts = (sig: number[], at = 0) => bytes.length >= at + sig.length && sig.every((b, i) => bytes[at + i] === b);
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (starts([0xff, 0xd8, 0xff])) return 'jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (starts([0x50, 0x4b, 0x03, 0x04])) return 'zip';
  if (starts([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  return null;
}

/** The kind and MIME type of a file whose bytes match its name's extension; null otherwise. */
export function sniffAttachment(fileName: string, bytes: Uint8Array): { kind: AttachmentKind; mime: string } | null {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  const claimed = ext ? EXTENSIONS[ext] : undefined;
  if (!claimed || familyOf(bytes) !== claimed.family) return null;
  return { kind: claimed.kind, mime: MIME[claimed.kind] };
}

export const mimeOf = (kind: AttachmentKind): string => MIME[kind];
