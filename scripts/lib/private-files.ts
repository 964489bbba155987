// Local state (.data: the embedded database with password hashes, local AWS with key values, the mail outbox with
// reset links, the session secret) is for this user only: directories 0700, files 0600.
import { chmodSync, existsSync, lstatSync, readdirSync } from "node:fs";
import { join } from "node:path";

/** Files and directories this process creates from now on are readable by its user only (umask 077). */
export function createPrivateFilesFromNowOn(): void {
  process.umask(0o077);
}

/** Takes group and other access away from `dir` and everything under it (installations made before umask 077). */
export function makePrivate(dir: string): void {
  if (!existsSync(dir)) return;
  const visit = (path: string) => {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) return;
    if ((stat.mode & 0o077) !== 0) chmodSync(path, stat.mode & 0o700);
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  visit(dir);
}
