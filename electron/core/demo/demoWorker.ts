/**
 * The demo worker (demoThread.ts): runs the case generator against a row recorder and sends the
 * rows to the vault's thread in batches, a chunk of cases per transaction there.
 */
import { workerData } from 'node:worker_threads';
import type { Db } from '../db/open';
import { BATCH_VALUES, MAX_AHEAD, RowRecorder, type DemoWorkerData, type DemoWorkerMessage } from './demoThread';
import { caseWriter, emptyResult } from './generate';

const { options, lookups, idBase, port, shared } = workerData as DemoWorkerData;
const flags = new Int32Array(shared);
let posted = 0;

const send = (message: DemoWorkerMessage) => {
  port.postMessage(message);
  posted += 1;
  Atomics.store(flags, 0, posted);
  Atomics.notify(flags, 0);
  // At most MAX_AHEAD batches not yet written: wait for the vault's thread.
  for (;;) {
    const applied = Atomics.load(flags, 1);
    if (posted - applied <= MAX_AHEAD) break;
    Atomics.wait(flags, 1, applied, 1000);
  }
};

try {
  const recorder = new RowRecorder(idBase);
  const result = emptyResult();
  const oneCase = caseWriter(recorder as unknown as Db, lookups, options, result);
  for (let done = 0; done < options.cases; ) {
    const n = Math.min(options.chunk, options.cases - done);
    for (let k = 0; k < n; k += 1) {
      oneCase(done + k);
      if (recorder.size >= BATCH_VALUES && k < n - 1) send({ kind: 'rows', ...recorder.take(), end: false, done: done + k + 1 });
    }
    done += n;
    send({ kind: 'rows', ...recorder.take(), end: true, done });
  }
  send({ kind: 'done', result });
} catch (error) {
  send({ kind: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
// The port stays open: the vault's thread takes the last messages, then ends this worker.
