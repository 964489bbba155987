/** JSON files in the data dir, written at most every `intervalMs` and on close (never synchronously per request). */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export async function readJsonFile(dir: string, name: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(join(dir, name), 'utf8')) as unknown;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function writeJsonAtomically(dir: string, name: string, value: unknown): Promise<void> {
  // The state holds API key values: readable by this user only.
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const target = join(dir, name);
  const temp = `${target}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(value), { mode: 0o600 });
  await rename(temp, target);
}

export class DebouncedJsonWriter {
  private timer: NodeJS.Timeout | undefined;
  private dirty = false;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly dir: string,
    private readonly name: string,
    private readonly snapshot: () => unknown,
    private readonly intervalMs = 2000,
  ) {}

  markDirty(): void {
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush().catch((error: unknown) => console.error(`local AWS: could not save ${this.name}:`, error));
    }, this.intervalMs);
    this.timer.unref();
  }

  /** Writes now if anything changed since the last write. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    await this.writing;
    if (!this.dirty) return;
    this.dirty = false;
    const value = this.snapshot();
    this.writing = writeJsonAtomically(this.dir, this.name, value);
    await this.writing;
  }
}
