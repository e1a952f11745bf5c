/**
 * The password policy check, loaded only where a password is set: the policy
 * pulls in zxcvbn and its dictionaries (~450 KB), which must not weigh on the
 * sign-in screen's first paint. Until the module is there the check is null.
 */
import { useEffect, useState } from 'react';
import type { checkPassword, PasswordCheck } from '../../../../shared/auth/passwordPolicy';

type Names = Parameters<typeof checkPassword>[1];
interface Policy {
  checkPassword: typeof checkPassword;
}

let loaded: Policy | null = null;
let loading: Promise<Policy> | null = null;
const loadPolicy = (): Promise<Policy> => (loading ??= import('../../../../shared/auth/passwordPolicy').then((m) => (loaded = m)));

export function usePasswordCheck(password: string, names: Names): PasswordCheck | null {
  const [policy, setPolicy] = useState<Policy | null>(loaded);
  const wanted = password !== '';
  useEffect(() => {
    if (!wanted || policy) return;
    let alive = true;
    void loadPolicy().then((m) => alive && setPolicy(m));
    return () => {
      alive = false;
    };
  }, [wanted, policy]);
  return wanted && policy ? policy.checkPassword(password, names) : null;
}
