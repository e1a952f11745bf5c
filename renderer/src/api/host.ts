/**
 * The host's native dialogs (issue 14, item 6), when the host has them: the
 * Electron preload does, the browser harness does not (its forms keep a typed path).
 */
import type { HostDialogs } from '../../../shared/api/host';

export function hostDialogs(): HostDialogs | null {
  return window.kalkan?.host ?? null;
}
