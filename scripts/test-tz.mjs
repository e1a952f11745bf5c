// The date-sensitive unit tests again in the two zones farthest from UTC (UTC+14 and UTC−10), where a
// UTC date and the office's local day differ for most of the day. The whole suite passes there too
// (run it with TZ=… npx vitest run); these are the files whose subject is days, deadlines and "today".
import { spawnSync } from 'node:child_process';

const ZONES = ['Pacific/Kiritimati', 'America/Adak'];
const FILES = [
  'localDays', 'holidays', 'court', 'casesSearch', 'casesWork', 'calendarCover', 'visitPlanner',
  'taskOutcome', 'idleAndSchedule', 'drafts', 'stats', 'referrals', 'demoIsoTime',
].map((name) => `test/unit/${name}.test.ts`);

for (const zone of ZONES) {
  const run = spawnSync('npx', ['vitest', 'run', ...FILES], { stdio: 'inherit', env: { ...process.env, TZ: zone } });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
