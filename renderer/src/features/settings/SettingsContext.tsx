import { createContext, useContext, type ReactNode } from 'react';
import { useSettings, type SettingsState } from './useSettings';

const SettingsContext = createContext<SettingsState | null>(null);

export function SettingsProvider({ children }: { children: ReactNode }) {
  const settings = useSettings();
  return <SettingsContext.Provider value={settings}>{children}</SettingsContext.Provider>;
}

export function useSettingsContext(): SettingsState {
  const value = useContext(SettingsContext);
  if (!value) throw new Error('useSettingsContext outside SettingsProvider');
  return value;
}
