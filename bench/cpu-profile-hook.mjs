/**
 * Preloaded into the portal by `npm run bench:dashboard -- --cpu-prof DIR`: SIGUSR2 starts V8's CPU profiler, the
 * next SIGUSR2 stops it and writes DIR/<pid>-<n>.cpuprofile (open it in Chrome DevTools or speedscope).
 */
import fs from 'node:fs';
import inspector from 'node:inspector';
import path from 'node:path';

const session = new inspector.Session();
session.connect();
session.post('Profiler.enable');
let running = false;
let written = 0;
process.on('SIGUSR2', () => {
  if (!running) {
    running = true;
    session.post('Profiler.start');
    return;
  }
  running = false;
  session.post('Profiler.stop', (error, result) => {
    if (error) return;
    const file = path.join(process.env.PROF_DIR ?? '.', `${process.pid}-${++written}.cpuprofile`);
    fs.writeFileSync(file, JSON.stringify(result.profile));
  });
});
