/**
 * Charts drawn one per task (issue 14, item 10). A statistics result holds a dozen charts;
 * drawn in one React commit (with recharts, as they were) they made one long task of several
 * hundred milliseconds on each year change, and the page could not answer the keyboard meanwhile. Each chart here waits
 * its turn in one queue and is drawn in a task of its own, so the page stays responsive between
 * two charts. Until its turn a chart shows the previous result dimmed (marked stale, and
 * `data-chart-pending` says so to the bench), or an empty frame on the first draw. The tables
 * beside the charts carry the same numbers and update at once.
 */
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';

const queue: Array<() => void> = [];
let scheduled = false;

function pump(): void {
  scheduled = false;
  queue.shift()?.();
  if (queue.length > 0) schedule();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  setTimeout(pump, 0);
}

/** Runs `draw` in a task of its own after the charts queued before it; returns a cancel. */
function enqueue(draw: () => void): () => void {
  queue.push(draw);
  schedule();
  return () => {
    const at = queue.indexOf(draw);
    if (at >= 0) queue.splice(at, 1);
  };
}

/** The width the chart is drawn at, measured when its turn comes (0 = not measured yet). */
const ChartWidth = createContext(0);

/** The width to draw a chart at: its frame's width when its turn came, or `fallback` before any measurement. */
export function useChartWidth(fallback = 640): number {
  const width = useContext(ChartWidth);
  return width > 0 ? width : fallback;
}

/** Shows `children` (a chart) once its turn in the queue comes; re-queued whenever `children` changes. */
export function QueuedChart({ children }: { children: ReactNode }) {
  const [shown, setShown] = useState<{ node: ReactNode; width: number } | null>(null);
  const latest = useRef(children);
  const frame = useRef<HTMLDivElement>(null);
  useEffect(() => {
    latest.current = children;
    return enqueue(() => flushSync(() => setShown({ node: latest.current, width: Math.round(frame.current?.clientWidth ?? 0) })));
  }, [children]);
  const pending = shown === null || shown.node !== children;
  return (
    <div className={pending ? 'stats-chart-frame stats-chart-stale' : 'stats-chart-frame'} data-chart-pending={pending ? 'true' : undefined} ref={frame}>
      {shown ? <ChartWidth.Provider value={shown.width}>{shown.node}</ChartWidth.Provider> : null}
    </div>
  );
}
