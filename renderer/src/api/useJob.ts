import { useEffect, useState } from 'react';
import type { JobProgress } from '../../../shared/api/events';
import { subscribe } from './client';

/** A fresh job id and the progress the core reports for it. */
export function useJob(): { jobId: () => string; progress: JobProgress | null; reset(): void } {
  const [id, setId] = useState<string | null>(null);
  const [progress, setProgress] = useState<JobProgress | null>(null);
  useEffect(() => (id ? subscribe('job.progress', (p) => p.jobId === id && setProgress(p)) : undefined), [id]);
  return {
    jobId: () => {
      const next = crypto.randomUUID();
      setId(next);
      setProgress(null);
      return next;
    },
    progress,
    reset: () => {
      setId(null);
      setProgress(null);
    },
  };
}
