import { Label, Meter } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { PasswordCheck } from '../../../../shared/auth/passwordPolicy';

/** Strength meter for a new password, with the policy's first problem in words. */
export function PasswordStrength({ check }: { check: PasswordCheck | null }) {
  const { t } = useTranslation();
  const score = check?.score ?? 0;
  const label = t(`auth.strength.${check ? score : 'empty'}`);
  return (
    <Meter value={score} minValue={0} maxValue={4} className="strength" aria-label={t('auth.strength.label')} valueLabel={label}>
      {({ percentage }) => (
        <>
          <div className="strength-head">
            <Label>{t('auth.strength.label')}</Label>
            <span className={`strength-value strength-${score}`}>{label}</span>
          </div>
          <div className="strength-track" aria-hidden="true">
            <div className={`strength-fill strength-${score}`} style={{ width: `${Math.max(percentage, check ? 8 : 0)}%` }} />
          </div>
          {check && check.problems.length > 0 ? <p className="strength-hint">{t(`errors.password.${check.problems[0]}`)}</p> : null}
        </>
      )}
    </Meter>
  );
}
