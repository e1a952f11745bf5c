/**
 * `new Date(ms).toISOString()` for the demo generator, which formats about
 * twenty instants per case (a few million at 100 000 cases): the day part
 * ("YYYY-MM-DDT") is formatted once per day and cached, the time of day by
 * arithmetic. Same string as toISOString for every instant it accepts
 * (fractions of a millisecond are cut off toward zero, as TimeClip does);
 * throws the same RangeError for an invalid one.
 */
const DAY = 86_400_000;
const dayPrefix = new Map<number, string>();

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n));

export function isoInstant(ms: number): string {
  const t = Math.trunc(ms);
  // Outside Date's range (or NaN): the RangeError toISOString throws.
  if (!(Math.abs(t) <= 8.64e15)) return new Date(Number.NaN).toISOString();
  const d = Math.floor(t / DAY);
  let prefix = dayPrefix.get(d);
  if (prefix === undefined) {
    prefix = new Date(d * DAY).toISOString().slice(0, -13);
    dayPrefix.set(d, prefix);
  }
  let rest = t - d * DAY;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  return `${prefix}${pad2(h)}:${pad2(m)}:${pad2(s)}.${pad3(rest - s * 1000)}Z`;
}
