/**
 * The host's native file dialogs (issue 14, item 6), kept apart from Electron so they are
 * unit-tested with a fake `dialog` (test/unit/hostDialogs.test.ts). Every path a dialog returns
 * is remembered as chosen by the user; the IPC handler refuses a write/read path the
 * renderer made up for the methods in CHOSEN_PATH_FIELDS.
 */
import { isAbsolute } from 'node:path';
import { HOST_DIALOG_FILTERS, HostDialogRequest, HostSaveBytesRequest, type HostDialogPurpose } from '../../shared/api/host';

export interface NativeDialogs {
  showOpen(options: { title: string; defaultPath?: string; properties: Array<'openFile' | 'openDirectory' | 'createDirectory'>; filters?: Array<{ name: string; extensions: string[] }> }): Promise<{ canceled: boolean; filePaths: string[] }>;
  showSave(options: { title: string; defaultPath?: string; filters?: Array<{ name: string; extensions: string[] }> }): Promise<{ canceled: boolean; filePath?: string | undefined }>;
  writeFile(path: string, bytes: Buffer): Promise<void>;
}

/** Methods whose path input must have come from a native dialog when called from the app's window. */
export const CHOSEN_PATH_FIELDS: Readonly<Record<string, string>> = {
  'backup.restore': 'file',
  'stats.exportCsv': 'path',
  'transfers.exportOfficeKey': 'path',
  'transfers.readKeyFile': 'path',
  'transfers.request': 'keyFile',
  'transfers.approve': 'out',
  'transfers.preview': 'file',
  'transfers.import': 'file',
};

export interface HostDialogService {
  /** `kind`: folder / openFile / saveFile. Returns the chosen path or null (cancelled). Throws on a malformed request. */
  choose(request: unknown): Promise<string | null>;
  saveBytes(request: unknown): Promise<string | null>;
  wasChosen(path: string): boolean;
  /** True when `method`'s path field holds a path no dialog returned. */
  refuses(method: unknown, input: unknown): boolean;
}

export function createHostDialogs(native: NativeDialogs, t: (key: string) => string): HostDialogService {
  const chosen = new Set<string>();
  const remember = (path: string | undefined | null): string | null => {
    if (!path || !isAbsolute(path)) return null;
    chosen.add(path);
    return path;
  };
  const filtersFor = (purpose: HostDialogPurpose) => {
    const extensions = HOST_DIALOG_FILTERS[purpose];
    return extensions.length ? [{ name: t(`host.filter.${purpose}`), extensions: [...extensions] }] : undefined;
  };
  const title = (purpose: HostDialogPurpose) => t(`host.title.${purpose}`);

  return {
    async choose(raw) {
      const request = HostDialogRequest.parse(raw);
      const filters = filtersFor(request.purpose);
      const start = request.defaultPath ? { defaultPath: request.defaultPath } : {};
      if (request.kind === 'saveFile') {
        const result = await native.showSave({ title: title(request.purpose), ...start, ...(filters ? { filters } : {}) });
        return result.canceled ? null : remember(result.filePath);
      }
      const properties: Array<'openFile' | 'openDirectory' | 'createDirectory'> = request.kind === 'folder' ? ['openDirectory', 'createDirectory'] : ['openFile'];
      const result = await native.showOpen({ title: title(request.purpose), ...start, properties, ...(filters && request.kind === 'openFile' ? { filters } : {}) });
      return result.canceled ? null : remember(result.filePaths[0]);
    },

    async saveBytes(raw) {
      const request = HostSaveBytesRequest.parse(raw);
      const filters = filtersFor(request.purpose);
      const result = await native.showSave({ title: title(request.purpose), defaultPath: request.defaultPath, ...(filters ? { filters } : {}) });
      const path = result.canceled ? null : remember(result.filePath);
      if (path) await native.writeFile(path, Buffer.from(request.bytesBase64, 'base64'));
      return path;
    },

    wasChosen: (path) => chosen.has(path),

    refuses(method, input) {
      if (typeof method !== 'string' || !Object.hasOwn(CHOSEN_PATH_FIELDS, method)) return false;
      const field = CHOSEN_PATH_FIELDS[method]!;
      const value = input && typeof input === 'object' ? (input as Record<string, unknown>)[field] : undefined;
      // A malformed input is left to the router's schema (it answers api.invalidInput).
      return typeof value === 'string' && value.trim() !== '' && !chosen.has(value.trim());
    },
  };
}
