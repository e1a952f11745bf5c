import { Label, ProgressBar } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { JobProgress as Progress } from '../../../../shared/api/events';

/** Progress of a long job (backup, restore, PDF, demo data) as the core reports it. */
export function JobProgress({ progress, label }: { progress: Progress | null; label: string }) {
  const { t } = useTranslation();
  const value = progress && progress.total > 0 ? (progress.done / progress.total) * 100 : 0;
  return (
    <ProgressBar value={value} isIndeterminate={!progress} className="progress" aria-label={label}>
      {({ percentage }) => (
        <>
          <div className="progress-head">
            <Label>{progress?.step ? t(progress.step) : label}</Label>
            <span>{progress ? `${Math.round(percentage ?? 0)} %` : ''}</span>
          </div>
          <div className="progress-track">
            <div className="progress-fill" style={{ width: `${percentage ?? 0}%` }} />
          </div>
        </>
      )}
    </ProgressBar>
  );
}
