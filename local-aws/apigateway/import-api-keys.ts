/**
 * ImportApiKeys: `POST /apikeys?mode=import&format=csv[&failonwarnings=true]` with an API key file as the body
 * (AWS's "API key file format"): a header row naming the columns (case-insensitive, any order; `Name` and `Key`
 * required; `Description`, `Enabled`, `UsagePlanIds` optional; other columns ignored), then one key per row. A
 * `UsagePlanIds` cell lists plan ids separated by commas, quoted with double or single quotes. Missing optional
 * values default to an empty string, or true for `Enabled`. A row whose key value already exists overwrites that key
 * (same id). Rows that cannot be imported become warnings; with `failonwarnings=true` any warning fails the whole
 * request (BadRequestException) and nothing is imported. Answers 201 `{ ids, warnings }`.
 */
import type { ApiKeyRecord, UsagePlanRecord } from '../state';
import { badRequest, limitExceeded } from './errors';
import { newApiKeyId } from './ids';
import type { OperationContext, OperationHandler } from './operation';
import { coversStage } from './usage-plans';

const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** Splits CSV text into rows of cells. Quotes: `"…"` (with `""` inside) or `'…'` (with `''` inside) around a cell. */
export function parseApiKeyFile(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let atCellStart = true;
  const endCell = () => {
    row.push(cell);
    cell = '';
    atCellStart = true;
  };
  const endRow = () => {
    endCell();
    if (!(row.length === 1 && row[0] === '')) rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const ch = text[i] as string;
    if (atCellStart && (ch === '"' || ch === "'")) {
      const quote = ch;
      i++;
      let closed = false;
      while (i < text.length) {
        const c = text[i] as string;
        if (c === quote) {
          if (text[i + 1] === quote) {
            cell += quote;
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        cell += c;
        i++;
      }
      if (!closed) throw badRequest(`Invalid API key file: a quoted value is not closed (line ${rows.length + 1})`);
      atCellStart = false;
      continue;
    }
    atCellStart = false;
    if (ch === ',') endCell();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else cell += ch;
    i++;
  }
  if (cell !== '' || row.length > 0) endRow();
  return rows;
}

interface ImportRow {
  line: number;
  name: string;
  value: string;
  description: string;
  enabled: boolean;
  plans: UsagePlanRecord[];
}

const COLUMNS = ['name', 'key', 'description', 'enabled', 'usageplanids'] as const;
type Column = (typeof COLUMNS)[number];

function readRow(ctx: OperationContext, cells: string[], columns: Partial<Record<Column, number>>, line: number): ImportRow | string {
  const cell = (c: Column) => {
    const index = columns[c];
    return index === undefined ? '' : (cells[index] ?? '').trim();
  };
  const value = cell('key');
  const name = cell('name');
  if (value.length < 20 || value.length > 128) return `Line ${line}: the API key value must be between 20 and 128 characters`;
  if (!/^[\x21-\x7e]+$/.test(value)) return `Line ${line}: the API key value contains invalid characters`;
  if (name === '') return `Line ${line}: the API key name is empty`;
  if (name.length > 1024) return `Line ${line}: the API key name is longer than 1024 characters`;
  const enabledText = cell('enabled').toLowerCase();
  if (enabledText !== '' && enabledText !== 'true' && enabledText !== 'false') return `Line ${line}: invalid Enabled value '${cell('enabled')}' (true or false)`;
  const plans: UsagePlanRecord[] = [];
  for (const planId of cell('usageplanids').split(',').map((s) => s.trim()).filter(Boolean)) {
    const plan = ctx.state.data.usagePlans[planId];
    if (!plan) return `Line ${line}: invalid usage plan identifier specified: ${planId}`;
    if (!plans.includes(plan)) plans.push(plan);
  }
  for (const plan of plans) {
    const clash = plans.find((other) => other !== plan && plan.apiStages.some((s) => coversStage(other, s.apiId, s.stage)));
    if (clash) return `Line ${line}: usage plans ${plan.id} and ${clash.id} share an API stage; a key can be in only one of them`;
  }
  if (plans.length > ctx.limits.maxPlansPerKey) return `Line ${line}: a key cannot be added to more than ${ctx.limits.maxPlansPerKey} usage plans`;
  const existing = ctx.state.keyByValue(value);
  if (existing) {
    for (const plan of plans) {
      for (const other of ctx.state.plansOfKey(existing.id)) {
        if (other === plan) continue;
        const shared = plan.apiStages.find((s) => coversStage(other, s.apiId, s.stage));
        if (shared) return `Line ${line}: API Key ${existing.id} is already in usage plan ${other.id} for the API stage ${shared.apiId}:${shared.stage}`;
      }
    }
  }
  return { line, name, value, description: cell('description'), enabled: enabledText !== 'false', plans };
}

export const importApiKeys: OperationHandler = (ctx) => {
  const format = ctx.query.get('format');
  if (format === null) throw badRequest('format is required');
  if (format !== 'csv') throw badRequest(`Invalid format ${format}: only csv is supported`);
  const failOnWarnings = ctx.query.get('failonwarnings') === 'true';
  if (ctx.rawBody.length === 0) throw badRequest('The API key file is empty');
  if (ctx.rawBody.length > MAX_BODY_BYTES) throw badRequest('The API key file is too large');
  const text = ctx.rawBody.toString('utf8').replace(/^\uFEFF/, '');
  const [header, ...records] = parseApiKeyFile(text);
  if (!header) throw badRequest('The API key file is empty');
  const columns: Partial<Record<Column, number>> = {};
  header.forEach((title, index) => {
    const name = title.trim().toLowerCase() as Column;
    if (COLUMNS.includes(name) && columns[name] === undefined) columns[name] = index;
  });
  if (columns.name === undefined || columns.key === undefined) throw badRequest('The API key file must have a Name and a Key column');

  const warnings: string[] = [];
  const rows: ImportRow[] = [];
  records.forEach((cells, index) => {
    const row = readRow(ctx, cells, columns, index + 2);
    if (typeof row === 'string') warnings.push(row);
    else rows.push(row);
  });
  const newValues = new Set(rows.filter((r) => !ctx.state.keyByValue(r.value)).map((r) => r.value));
  const room = ctx.limits.maxApiKeys - Object.keys(ctx.state.data.apiKeys).length;
  if (newValues.size > room && (failOnWarnings || room <= 0)) {
    throw limitExceeded(`Cannot exceed the limit of ${ctx.limits.maxApiKeys} API keys per account`);
  }
  if (failOnWarnings && warnings.length > 0) throw badRequest(`Importing the API keys failed: ${warnings.join('; ')}`);

  // Everything is checked: apply. Later rows with the same value overwrite earlier ones (same key). Linear in the
  // rows: keys made by this import are found by value here, plan memberships are sets, the index is rebuilt once.
  const ids: string[] = [];
  const seenIds = new Set<string>();
  const madeHere = new Map<string, ApiKeyRecord>();
  const members = new Map<UsagePlanRecord, Set<string>>();
  const now = ctx.now();
  let created = 0;
  for (const row of rows) {
    let key: ApiKeyRecord | undefined = madeHere.get(row.value) ?? ctx.state.keyByValue(row.value);
    if (!key) {
      if (created >= room) {
        warnings.push(`Line ${row.line}: Cannot exceed the limit of ${ctx.limits.maxApiKeys} API keys per account`);
        continue;
      }
      let id = newApiKeyId();
      while (ctx.state.data.apiKeys[id]) id = newApiKeyId();
      key = { id, seq: ctx.state.nextSeq(), value: row.value, name: row.name, enabled: row.enabled, createdDate: now, lastUpdatedDate: now, stageKeys: [], tags: {} };
      ctx.state.data.apiKeys[id] = key;
      madeHere.set(row.value, key);
      created++;
    }
    key.name = row.name;
    key.description = row.description;
    key.enabled = row.enabled;
    key.lastUpdatedDate = now;
    for (const plan of row.plans) {
      let set = members.get(plan);
      if (!set) members.set(plan, (set = new Set(plan.keyIds)));
      if (!set.has(key.id)) {
        set.add(key.id);
        plan.keyIds.push(key.id);
      }
    }
    if (!seenIds.has(key.id)) {
      seenIds.add(key.id);
      ids.push(key.id);
    }
  }
  ctx.state.changed(); // reindexes values and plan memberships
  return { status: 201, json: { ids, warnings } };
};
