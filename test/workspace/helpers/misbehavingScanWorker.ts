/**
 * A scan worker script for tests: the real worker, except that files named `crash_*` end the worker,
 * `throw_*` throw out of the message handler, `hang_*` never finish and `slow_*` take about 20 ms.
 */
import * as path from 'path';
import { analyzeFile } from '../../../server/src/workspace/analyzeFile';
import { runScanWorkerIfRequested } from '../../../server/src/workspace/scanWorker';

runScanWorkerIfRequested((file, relativePath, options, maxFileBytes) => {
  const name = path.basename(file);
  if (name.startsWith('crash_')) process.exit(7);
  if (name.startsWith('throw_')) throw new Error('thrown on purpose');
  if (name.startsWith('hang_')) for (;;) { /* stuck on purpose */ }
  if (name.startsWith('slow_')) {
    const end = Date.now() + 20;
    while (Date.now() < end) { /* busy on purpose */ }
  }
  return analyzeFile(file, relativePath, options, maxFileBytes);
});
