import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CodedError } from '../../shared/api/envelope';
import { JobRegistry } from '../../electron/core/jobs';
import { SettingsStore } from '../../electron/core/settings';

describe('SettingsStore', () => {
  const file = () => join(mkdtempSync(join(tmpdir(), 'kalkan-settings-')), 'settings.json');

  it('defaults to Turkish and keeps a change across restarts', () => {
    const path = file();
    expect(new SettingsStore(path).get().language).toBe('tr');
    new SettingsStore(path).update({ language: 'en' });
    expect(new SettingsStore(path).get().language).toBe('en');
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ language: 'en' });
  });

  it('falls back to defaults on a damaged file and refuses invalid values', () => {
    const path = file();
    writeFileSync(path, '{not json');
    const store = new SettingsStore(path);
    expect(store.get().language).toBe('tr');
    expect(() => store.update({ language: 'de' as never })).toThrow();
    expect(store.get().language).toBe('tr');
  });
});

describe('JobRegistry', () => {
  it('reports progress to listeners and can cancel a running job', async () => {
    const jobs = new JobRegistry();
    const seen: number[] = [];
    jobs.onProgress((p) => seen.push(p.done));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const running = jobs.run(async (job) => {
      job.progress(1, 3);
      await gate;
      job.progress(2, 3);
      return 'finished';
    }, 'job-1');
    expect(jobs.active).toBe(1);
    expect(jobs.cancel('job-1')).toBe(true);
    release();
    await expect(running).rejects.toEqual(new CodedError('job.cancelled'));
    expect(seen).toEqual([1]);
    expect(jobs.active).toBe(0);
    expect(jobs.cancel('job-1')).toBe(false);
  });
});
