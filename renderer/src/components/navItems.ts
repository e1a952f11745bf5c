import { BarChart3, Building2, ClipboardCheck, FolderOpen, Gavel, LayoutDashboard, Settings2, type LucideIcon } from 'lucide-react';

export type AreaId = 'dashboard' | 'cases' | 'assessments' | 'referrals' | 'court' | 'statistics' | 'administration';

export interface NavItem {
  id: AreaId;
  path: string;
  icon: LucideIcon;
}

/** The areas of the app, in the order caseworkers meet them in a day. */
export const NAV_ITEMS: NavItem[] = [
  { id: 'dashboard', path: '/dashboard', icon: LayoutDashboard },
  { id: 'cases', path: '/cases', icon: FolderOpen },
  { id: 'assessments', path: '/assessments', icon: ClipboardCheck },
  { id: 'referrals', path: '/referrals', icon: Building2 },
  { id: 'court', path: '/court', icon: Gavel },
  { id: 'statistics', path: '/statistics', icon: BarChart3 },
  { id: 'administration', path: '/administration', icon: Settings2 },
];
