/**
 * Runs every benchmark in sequence, each in its own process (`npm run bench`): gateway throughput, then GetUsage.
 * Extra arguments are passed to both. Exits non-zero if one fails.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BENCHES = ['gateway-throughput.ts', 'get-usage.ts', 'dashboard.ts', 'signup-burst.ts', 'admin-overview.ts', 'period-report.ts', 'csv-export.ts'];

function run(file: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', fileURLToPath(new URL(`./${file}`, import.meta.url)), ...process.argv.slice(2)], { stdio: 'inherit' });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

let failed = 0;
for (const file of BENCHES) {
  console.log(`\n=== bench/${file} ===`);
  const code = await run(file);
  if (code !== 0) {
    console.error(`bench/${file} exited with ${code}`);
    failed++;
  }
}
process.exit(failed > 0 ? 1 : 0);
