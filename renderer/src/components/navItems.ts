import { BarChart3, Building2, CalendarDays, ClipboardCheck, FolderOpen, Gavel, LayoutDashboard, Settings2, type LucideIcon } from 'lucide-react';
import type { Permission } from '../../../shared/auth/permissions';

export type AreaId = 'dashboard' | 'cases' | 'calendar' | 'assessments' | 'referrals' | 'court' | 'statistics' | 'administration';

export interface NavItem {
  id: AreaId;
  path: string;
  icon: LucideIcon;
  /** Shown when the user holds any of these (the router refuses the rest anyway). */
  anyOf: Permission[];
}

/** The areas of the app, in the order caseworkers meet them in a day. */
export const NAV_ITEMS: NavItem[] = [
  { id: 'dashboard', path: '/dashboard', icon: LayoutDashboard, anyOf: ['case:read', 'users:manage'] },
  { id: 'cases', path: '/cases', icon: FolderOpen, anyOf: ['case:read'] },
  { id: 'calendar', path: '/calendar', icon: CalendarDays, anyOf: ['case:read'] },
  { id: 'assessments', path: '/assessments', icon: ClipboardCheck, anyOf: ['assessment:write', 'case:read'] },
  { id: 'referrals', path: '/referrals', icon: Building2, anyOf: ['referral:write', 'directory:write'] },
  { id: 'court', path: '/court', icon: Gavel, anyOf: ['court:write'] },
  { id: 'statistics', path: '/statistics', icon: BarChart3, anyOf: ['stats:read'] },
  { id: 'administration', path: '/administration', icon: Settings2, anyOf: ['users:manage', 'audit:read', 'vault:backup'] },
];

export function visibleNavItems(permissions: readonly Permission[]): NavItem[] {
  return NAV_ITEMS.filter((item) => item.anyOf.some((p) => permissions.includes(p)));
}
