/**
 * The host's native file dialogs (issue 14, item 6). In the Electron app the
 * preload exposes them as `window.kalkan.host`: the main process shows the
 * native dialog and remembers every path it returns as chosen by the user. The
 * browser harness has no `host`: the renderer then keeps a typed path.
 * Requests are plain data (validated again in the main process).
 */
import { z } from 'zod';

/** What a dialog is for: decides the title, the file filters and the default name. */
export const HOST_DIALOG_PURPOSES = ['backupFolder', 'restoreFile', 'csvExport', 'pdfSave', 'decryptedExport', 'transferKey', 'transferFile'] as const;
export type HostDialogPurpose = (typeof HOST_DIALOG_PURPOSES)[number];

export const HostDialogRequest = z
  .object({
    kind: z.enum(['folder', 'openFile', 'saveFile']),
    purpose: z.enum(HOST_DIALOG_PURPOSES),
    /** A folder or file to start from, or (save) the file name offered. */
    defaultPath: z.string().max(1024).optional(),
  })
  .strict();
export type HostDialogRequest = z.infer<typeof HostDialogRequest>;

/** Saving bytes the renderer holds (a generated PDF): the main process asks where, then writes them there. */
export const HostSaveBytesRequest = z
  .object({
    purpose: z.enum(HOST_DIALOG_PURPOSES),
    defaultPath: z.string().max(1024),
    bytesBase64: z.string().max(200 * 1024 * 1024),
  })
  .strict();
export type HostSaveBytesRequest = z.infer<typeof HostSaveBytesRequest>;

/** Each returns the chosen absolute path, or null when the user cancelled. */
export interface HostDialogs {
  chooseFolder(request: { purpose: HostDialogPurpose; defaultPath?: string }): Promise<string | null>;
  chooseOpenFile(request: { purpose: HostDialogPurpose; defaultPath?: string }): Promise<string | null>;
  chooseSaveFile(request: { purpose: HostDialogPurpose; defaultPath?: string }): Promise<string | null>;
  saveBytes(request: HostSaveBytesRequest): Promise<string | null>;
}

/** The file filters per purpose (extensions without the dot; none: any file). */
export const HOST_DIALOG_FILTERS: Readonly<Record<HostDialogPurpose, readonly string[]>> = {
  backupFolder: [],
  restoreFile: ['kbak'],
  csvExport: ['csv'],
  pdfSave: ['pdf'],
  decryptedExport: ['sqlite', 'db'],
  transferKey: ['pub'],
  transferFile: ['kcase'],
};
