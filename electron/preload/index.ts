/**
 * The sandboxed preload: exposes exactly `window.kalkan` (invoke + event
 * subscription) and nothing of ipcRenderer itself. Bundled as CommonJS because
 * sandboxed preloads cannot be ES modules.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { KalkanBridge } from '../../shared/api/client';
import { EVENT_NAMES, type EventName } from '../../shared/api/events';

const INVOKE_CHANNEL = 'kalkan:invoke';
const EVENT_CHANNEL = 'kalkan:event';
const HOST_CHANNEL = 'kalkan:host';

const kalkan = {
  invoke: (method, input) => ipcRenderer.invoke(INVOKE_CHANNEL, method, input),
  on: (event, listener) => {
    if (!EVENT_NAMES.includes(event)) return () => {};
    const handler = (_e: IpcRendererEvent, name: EventName, payload: unknown) => {
      if (name === event) (listener as (p: unknown) => void)(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, handler);
  },
  // Native dialogs, shown by the main process (which remembers the chosen paths).
  host: {
    chooseFolder: (request) => ipcRenderer.invoke(HOST_CHANNEL, 'choose', { ...request, kind: 'folder' }),
    chooseOpenFile: (request) => ipcRenderer.invoke(HOST_CHANNEL, 'choose', { ...request, kind: 'openFile' }),
    chooseSaveFile: (request) => ipcRenderer.invoke(HOST_CHANNEL, 'choose', { ...request, kind: 'saveFile' }),
    saveBytes: (request) => ipcRenderer.invoke(HOST_CHANNEL, 'saveBytes', request),
  },
} satisfies KalkanBridge;

contextBridge.exposeInMainWorld('kalkan', kalkan);
