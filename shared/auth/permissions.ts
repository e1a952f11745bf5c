/**
 * The one table of what each role may do. The router enforces it in the main
 * process; the renderer only uses it to hide what would be refused anyway.
 */
export const ROLES = ['admin', 'supervisor', 'caseworker'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'settings:write',
  'users:manage',
  'audit:read',
  'vault:backup',
  'vault:restore',
  'vault:export',
  'case:read',
  'case:write',
  'case:readAll',
  'case:approve',
  'assessment:write',
  'assessment:approve',
  'referral:write',
  'court:write',
  'document:print',
  'stats:read',
  'directory:write',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: ['settings:write', 'users:manage', 'audit:read', 'vault:backup', 'vault:restore', 'vault:export', 'directory:write', 'stats:read'],
  supervisor: [
    'audit:read',
    'case:read',
    'case:write',
    'case:readAll',
    'case:approve',
    'assessment:write',
    'assessment:approve',
    'referral:write',
    'court:write',
    'document:print',
    'stats:read',
    'directory:write',
    'vault:backup',
  ],
  caseworker: ['case:read', 'case:write', 'assessment:write', 'referral:write', 'court:write', 'document:print', 'stats:read'],
};

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  const set = new Set<Permission>();
  for (const role of roles) for (const p of ROLE_PERMISSIONS[role]) set.add(p);
  return set;
}

export function can(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((role) => ROLE_PERMISSIONS[role].includes(permission));
}
