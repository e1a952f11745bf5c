/** One benchmark mode measured the same way everywhere: a warm-up, then `runs` timed runs. */
export interface Figures<M extends string = string> {
  mode: M;
  medianMs: number;
  minMs: number;
  /** CPU time of the whole process (all threads, a PDF worker included): steadier than wall time on a busy machine. */
  cpuMs: number;
  pages: number;
  bytes: number;
  baselineMb: number;
  peakMb: number;
}

export async function measure<M extends string>(mode: M, once: () => Promise<{ bytes: number; pages: number }>, runs: number, pauseMs: number): Promise<Figures<M>> {
  const baselineMb = process.memoryUsage().rss / 2 ** 20;
  await once(); // warm-up: fonts, JIT, the first worker
  const times: number[] = [];
  const cpu: number[] = [];
  let last = { bytes: 0, pages: 0 };
  for (let i = 0; i < runs; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    last = await once();
    times.push(performance.now() - started);
    const used = process.cpuUsage(cpuStarted);
    cpu.push((used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return {
    mode,
    medianMs: times[Math.floor(times.length / 2)]!,
    minMs: times[0]!,
    cpuMs: cpu[Math.floor(cpu.length / 2)]!,
    pages: last.pages,
    bytes: last.bytes,
    baselineMb,
    peakMb: process.resourceUsage().maxRSS / 1024,
  };
}
