import { CreateApiKeyCommand, CreateUsagePlanCommand, GetApiKeyCommand, GetApiKeysCommand, GetUsagePlansCommand, ImportApiKeysCommand } from '@aws-sdk/client-api-gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseApiKeyFile } from './apigateway/import-api-keys';
import { rejectionOf, startTestAws, type TestAws } from './test-helpers';

const csv = (text: string) => new TextEncoder().encode(text);
let counter = 0;
/** A fresh 30-character key value. */
const value = () => `import-test-value-${String(++counter).padStart(6, '0')}-abcde`;

describe('ImportApiKeys (real SDK)', () => {
  let t: TestAws;
  beforeAll(async () => {
    t = await startTestAws();
  });
  afterAll(() => t.close());

  const keyById = (id: string) => t.client.send(new GetApiKeyCommand({ apiKey: id, includeValue: true }));

  it('imports keys from AWS\'s file format: case-insensitive headers in any order, defaults, extra columns ignored', async () => {
    const [a, b] = [value(), value()];
    const out = await t.client.send(
      new ImportApiKeysCommand({
        format: 'csv',
        body: csv(`key,NAME,Color,description,ENABLED\n${a},first,blue,An imported key,FALSE\n${b},second,red,,\n`),
      }),
    );
    expect(out.$metadata.httpStatusCode).toBe(201);
    expect(out.warnings).toEqual([]);
    expect(out.ids).toHaveLength(2);
    const first = await keyById(out.ids![0]!);
    expect([first.value, first.name, first.description, first.enabled]).toEqual([a, 'first', 'An imported key', false]);
    const second = await keyById(out.ids![1]!);
    expect([second.value, second.name, second.description, second.enabled]).toEqual([b, 'second', '', true]);
  });

  it('puts keys in the usage plans of a quoted UsagePlanIds cell (double or single quotes)', async () => {
    const other = await t.client.send(new CreateUsagePlanCommand({ name: 'no-stage-plan' }));
    const [a, b] = [value(), value()];
    const basic = t.aws.demo.usagePlans.basic;
    const out = await t.client.send(
      new ImportApiKeysCommand({
        format: 'csv',
        failOnWarnings: true,
        body: csv(`Enabled,Name,key,UsageplanIds\ntrue,two-plans,${a},"${basic},${other.id}"\ntrue,single-quoted,${b},'${other.id}'\n`),
      }),
    );
    const plansOf = async (id: string) => (await t.client.send(new GetUsagePlansCommand({ keyId: id }))).items!.map((p) => p.id).sort();
    expect(await plansOf(out.ids![0]!)).toEqual([basic, other.id].sort());
    expect(await plansOf(out.ids![1]!)).toEqual([other.id]);
  });

  it('overwrites a key that has the same value, keeping its id', async () => {
    const v = value();
    const existing = await t.client.send(new CreateApiKeyCommand({ name: 'old-name', value: v, enabled: false }));
    const out = await t.client.send(new ImportApiKeysCommand({ format: 'csv', body: csv(`Name,Key\nnew-name,${v}\n`) }));
    expect(out.ids).toEqual([existing.id]);
    const key = await keyById(existing.id!);
    expect([key.name, key.enabled, key.value]).toEqual(['new-name', true, v]);
  });

  it('skips rows it cannot import and reports them as warnings; failonwarnings=true imports nothing instead', async () => {
    const good = value();
    const body = csv(`Name,Key,Enabled,UsagePlanIds\nok,${good},,\nshort,tooshort,,\nbad-flag,${value()},maybe,\nno-plan,${value()},,nosuchplan\n`);
    const strict = await rejectionOf(t.client.send(new ImportApiKeysCommand({ format: 'csv', failOnWarnings: true, body })));
    expect(strict.name).toBe('BadRequestException');
    expect(strict.$metadata?.httpStatusCode).toBe(400);
    expect((await t.client.send(new GetApiKeysCommand({ nameQuery: 'ok', limit: 500 }))).items?.some((k) => k.name === 'ok')).toBe(false);

    const lenient = await t.client.send(new ImportApiKeysCommand({ format: 'csv', body }));
    expect(lenient.ids).toHaveLength(1);
    expect(lenient.warnings).toHaveLength(3);
    expect(lenient.warnings![0]).toMatch(/^Line 3: .*between 20 and 128/);
    expect(lenient.warnings![1]).toMatch(/^Line 4: invalid Enabled value 'maybe'/);
    expect(lenient.warnings![2]).toMatch(/^Line 5: invalid usage plan identifier specified: nosuchplan/);
    expect((await keyById(lenient.ids![0]!)).value).toBe(good);
  });

  it('refuses a file without Name and Key columns, an empty file and a format other than csv', async () => {
    const noKey = await rejectionOf(t.client.send(new ImportApiKeysCommand({ format: 'csv', body: csv(`Name,Description\na,b\n`) })));
    expect([noKey.name, noKey.message]).toEqual(['BadRequestException', 'The API key file must have a Name and a Key column']);
    const empty = await rejectionOf(t.client.send(new ImportApiKeysCommand({ format: 'csv', body: csv('') })));
    expect(empty.name).toBe('BadRequestException');
    const raw = await fetch(`${t.aws.url}/apikeys?mode=import&format=json`, { method: 'POST', body: `Name,Key\na,${value()}\n` });
    expect(raw.status).toBe(400);
    expect(raw.headers.get('x-amzn-errortype')).toBe('BadRequestException');
  });

  it('counts against the 10,000-key limit', async () => {
    const small = await startTestAws({ limits: { maxApiKeys: 1 } });
    try {
      const err = await rejectionOf(small.client.send(new ImportApiKeysCommand({ format: 'csv', failOnWarnings: true, body: csv(`Name,Key\na,${value()}\nb,${value()}\n`) })));
      expect(err.name).toBe('LimitExceededException');
    } finally {
      await small.close();
    }
  });

  it('still creates keys with a JSON POST /apikeys (no mode=import)', async () => {
    const key = await t.client.send(new CreateApiKeyCommand({ name: 'plain-create' }));
    expect(key.name).toBe('plain-create');
  });
});

describe('parseApiKeyFile', () => {
  it('reads quoted cells with either quote, doubled quotes inside, CRLF and a missing final newline', () => {
    expect(parseApiKeyFile(`a,"b,c",'d,e'\r\n"say ""hi""",'it''s',x`)).toEqual([
      ['a', 'b,c', 'd,e'],
      ['say "hi"', "it's", 'x'],
    ]);
  });
  it('skips blank lines and keeps empty cells', () => {
    expect(parseApiKeyFile('a,,c\n\n,b,\n')).toEqual([
      ['a', '', 'c'],
      ['', 'b', ''],
    ]);
  });
});
