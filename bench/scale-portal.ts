/**
 * One portal replica in `npm run bench:scale`: a separate process on the shared database that takes the sign-ups
 * of its share (indices `--from` to `--to`) through the sign-up form's path, requestSignUp (the same call the
 * sign-up server action makes after parsing the form), `--concurrency` at a time. It waits for "go" on stdin, so
 * the replicas start together, and prints one JSON line when done.
 */
import { createInterface } from 'node:readline';
import { requestSignUp } from '../lib/customers/sign-up';
import { db } from '../lib/db';
import { arg, stringArg } from './table';

const from = arg('--from', 1) - 1;
const to = arg('--to', 1);
const concurrency = arg('--concurrency', 10);
const tierId = stringArg('--tier') ?? '';
const prefix = stringArg('--prefix') ?? 'scale';

await db.tier.count(); // connected before the start
console.log(JSON.stringify({ ready: true }));
for await (const line of createInterface({ input: process.stdin })) if (line.trim() === 'go') break;

const started = Date.now();
let next = from;
const refused: string[] = [];
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < to) {
      const i = next++;
      const result = await requestSignUp({ name: `Scale ${i}`, email: `${prefix}${i}@example.com`, password: 'scale-password-1', tierId });
      if (!result.ok) refused.push(result.error.message);
    }
  }),
);
console.log(JSON.stringify({ signUps: to - from - refused.length, refused: refused.slice(0, 3), seconds: (Date.now() - started) / 1000 }));
await db.$disconnect();
process.exit(0);
