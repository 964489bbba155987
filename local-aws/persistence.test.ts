import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { APIGatewayClient, CreateApiKeyCommand, CreateUsagePlanKeyCommand, GetApiKeyCommand, GetUsageCommand, GetUsagePlansCommand } from '@aws-sdk/client-api-gateway';
import { describe, expect, it } from 'vitest';
import { startTestAws } from './test-helpers';

describe('persistence', () => {
  it('keeps keys, plans and usage across a restart and seeds only once', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'local-aws-'));
    try {
      const first = await startTestAws({ dataDir });
      const key = await first.client.send(new CreateApiKeyCommand({ name: 'persisted', enabled: true }));
      await first.client.send(new CreateUsagePlanKeyCommand({ usagePlanId: first.aws.demo.usagePlans.basic, keyId: key.id, keyType: 'API_KEY' }));
      for (let i = 0; i < 4; i++) expect((await fetch(first.invokeUrl('/health'), { headers: { 'x-api-key': key.value! } })).status).toBe(200);
      const demo = first.aws.demo;
      await first.close();
      const saved = JSON.parse(await readFile(join(dataDir, 'apigateway.json'), 'utf8')) as { apiKeys: Record<string, unknown> };
      expect(Object.keys(saved.apiKeys)).toEqual([key.id]);
      expect(existsSync(join(dataDir, 'cloudwatch.json'))).toBe(true); // the data-plane metrics
      // Key values are in there: readable by this user only, whatever the umask.
      expect((await stat(join(dataDir, 'apigateway.json'))).mode & 0o077).toBe(0);

      const second = await startTestAws({ dataDir });
      try {
        expect(second.aws.demo).toEqual(demo);
        expect((await second.client.send(new GetUsagePlansCommand({}))).items).toHaveLength(3);
        expect((await second.client.send(new GetApiKeyCommand({ apiKey: key.id, includeValue: true }))).value).toBe(key.value);
        const day = new Date().toISOString().slice(0, 10);
        const usage = await second.client.send(new GetUsageCommand({ usagePlanId: demo.usagePlans.basic, startDate: day, endDate: day }));
        expect(usage.items?.[key.id!]).toEqual([[4, 996]]);
        expect((await fetch(second.invokeUrl('/health'), { headers: { 'x-api-key': key.value! } })).status).toBe(200);
      } finally {
        await second.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('runs from the CLI, prints its URL and saves state on SIGTERM', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'local-aws-cli-'));
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'cli.ts'), '--port', '0', '--data-dir', dataDir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout! }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`cli exited early with ${code}`)));
      });
      const m = /^local AWS listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
      expect(m).not.toBeNull();
      const client = new APIGatewayClient({ region: 'us-east-1', endpoint: m![1], credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
      const key = await client.send(new CreateApiKeyCommand({ name: 'from-cli' }));
      client.destroy();
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      const saved = JSON.parse(await readFile(join(dataDir, 'apigateway.json'), 'utf8')) as { apiKeys: Record<string, { name: string }> };
      expect(saved.apiKeys[key.id!]?.name).toBe('from-cli');
      expect(existsSync(join(dataDir, 'cloudwatch.json'))).toBe(false); // no metrics recorded, nothing to save
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 30_000);
});
