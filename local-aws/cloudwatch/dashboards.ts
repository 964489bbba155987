/**
 * Dashboards: PutDashboard / GetDashboard / ListDashboards / DeleteDashboards. PutDashboard validates the body as
 * AWS does (Dashboard Body Structure and Syntax, CloudWatch API reference) and saves nothing when it finds an error:
 * DashboardInvalidInputError (awsQuery code InvalidParameterInput), message "The dashboard body is invalid, there
 * are N validation errors: [...]" and one DashboardValidationMessage ({DataPath, Message}, JSON-schema style, e.g.
 * "/widgets/0/properties" "Should have required property 'region'") per problem. A valid body is saved verbatim.
 */
import { dashboardInvalidInput, dashboardNotFound, invalidNextToken, invalidParameterValue, missingParameter } from './errors';
import { ACCOUNT_ID } from './alarms';
import { asObject, decodeToken, encodeToken, optString, optStringList, reqString } from './input';

export type Dashboard = { name: string; body: string; lastModifiedMs: number };

const NAME_RE = /^[A-Za-z0-9_-]{1,255}$/;
const WIDGET_TYPES = ['metric', 'text', 'log', 'alarm', 'explorer', 'custom'];
const MAX_WIDGETS = 500;
const PAGE = 1000;
const arn = (name: string) => `arn:aws:cloudwatch::${ACCOUNT_ID}:dashboard/${name}`;
const METRICS_FORMAT = 'Field "metrics" has to be an array of array of strings, with an optional metricRenderer object as last element';

type Msg = { DataPath: string; Message: string };
type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function invalid(messages: Msg[]): never {
  const listed = JSON.stringify(messages.map((m) => ({ dataPath: m.DataPath, message: m.Message })), null, 2);
  throw dashboardInvalidInput(`The dashboard body is invalid, there are ${messages.length} validation errors:\n${listed}`, messages);
}

/** x, y, width, height: integers within AWS's grid (24 columns wide, widgets 1–1000 rows high). */
function checkGrid(w: Obj, path: string, out: Msg[]): void {
  const limits: [string, number, number | undefined][] = [['x', 0, undefined], ['y', 0, undefined], ['width', 1, 24], ['height', 1, 1000]];
  for (const [field, min, max] of limits) {
    const v = w[field];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v)) out.push({ DataPath: `${path}/${field}`, Message: 'Should be integer' });
    else if (v < min) out.push({ DataPath: `${path}/${field}`, Message: `Should be >= ${min}` });
    else if (max !== undefined && v > max) out.push({ DataPath: `${path}/${field}`, Message: `Should be <= ${max}` });
  }
}

function checkMetricWidget(props: Obj, path: string, out: Msg[]): void {
  const metrics = props['metrics'];
  const annotations = props['annotations'];
  const hasAlarmAnnotation = isObject(annotations) && Array.isArray(annotations['alarms']) && annotations['alarms'].length > 0;
  if (metrics === undefined && !hasAlarmAnnotation) {
    out.push({ DataPath: path, Message: "Should have required property 'metrics'" });
    out.push({ DataPath: path, Message: 'The metric widget should have specified a region and a data source or an alarm annotation' });
    out.push({ DataPath: path, Message: "Should have required property 'annotations'" });
  } else if (metrics !== undefined) {
    if (!Array.isArray(metrics)) {
      out.push({ DataPath: `${path}/metrics`, Message: 'Should be array' });
    } else {
      metrics.forEach((entry: unknown, j) => {
        const at = `${path}/metrics/${j}`;
        if (!Array.isArray(entry)) {
          out.push({ DataPath: at, Message: 'Should be array' }, { DataPath: at, Message: METRICS_FORMAT });
          return;
        }
        if (entry.length === 0) {
          out.push({ DataPath: at, Message: 'Should NOT have less than 1 items' });
          return;
        }
        const wellFormed = entry.every((item: unknown, k) => typeof item === 'string' || (k === entry.length - 1 && isObject(item)));
        if (!wellFormed) out.push({ DataPath: at, Message: METRICS_FORMAT });
      });
    }
  }
  if (props['region'] === undefined) out.push({ DataPath: path, Message: "Should have required property 'region'" });
  else if (typeof props['region'] !== 'string') out.push({ DataPath: `${path}/region`, Message: 'Should be string' });
  const period = props['period'];
  if (period !== undefined && (typeof period !== 'number' || !Number.isInteger(period) || period < 1)) {
    out.push({ DataPath: `${path}/period`, Message: 'Should be integer >= 1' });
  }
}

function checkWidget(w: unknown, path: string, out: Msg[]): void {
  if (!isObject(w)) {
    out.push({ DataPath: path, Message: 'Should be object' });
    return;
  }
  const type = w['type'];
  if (type === undefined) out.push({ DataPath: path, Message: "Should have required property 'type'" });
  else if (typeof type !== 'string' || !WIDGET_TYPES.includes(type)) {
    out.push({ DataPath: `${path}/type`, Message: `Should be equal to one of the allowed values: ${WIDGET_TYPES.join(', ')}` });
  }
  checkGrid(w, path, out);
  const props = w['properties'];
  if (props === undefined) {
    out.push({ DataPath: path, Message: "Should have required property 'properties'" });
    return;
  }
  if (!isObject(props)) {
    out.push({ DataPath: `${path}/properties`, Message: 'Should be object' });
    return;
  }
  const p = `${path}/properties`;
  switch (type) {
    case 'metric':
      checkMetricWidget(props, p, out);
      break;
    case 'text':
      if (typeof props['markdown'] !== 'string') out.push({ DataPath: p, Message: "Should have required property 'markdown'" });
      break;
    case 'alarm': {
      const alarms = props['alarms'];
      if (alarms === undefined) out.push({ DataPath: p, Message: "Should have required property 'alarms'" });
      else if (!Array.isArray(alarms)) out.push({ DataPath: `${p}/alarms`, Message: 'Should be array' });
      else if (alarms.length === 0) out.push({ DataPath: `${p}/alarms`, Message: 'Should NOT have less than 1 items' });
      else if (alarms.length > 100) out.push({ DataPath: `${p}/alarms`, Message: 'Should NOT have more than 100 items' });
      else if (alarms.some((a: unknown) => typeof a !== 'string')) out.push({ DataPath: `${p}/alarms`, Message: 'Should be array of strings' });
      break;
    }
    case 'log':
      if (typeof props['query'] !== 'string') out.push({ DataPath: p, Message: "Should have required property 'query'" });
      if (typeof props['region'] !== 'string') out.push({ DataPath: p, Message: "Should have required property 'region'" });
      break;
    default:
      break;
  }
}

function validateBody(body: string): Msg[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw dashboardInvalidInput('The field DashboardBody must be a valid JSON object', [{ DataPath: '', Message: 'Invalid JSON' }]);
  }
  if (!isObject(parsed)) {
    throw dashboardInvalidInput('The field DashboardBody must be a valid JSON object', [{ DataPath: '', Message: 'Should be object' }]);
  }
  const widgets = parsed['widgets'];
  if (widgets === undefined) invalid([{ DataPath: '', Message: "Should have required property 'widgets'" }]);
  if (!Array.isArray(widgets)) invalid([{ DataPath: '/widgets', Message: 'Should be array' }]);
  if (widgets.length > MAX_WIDGETS) invalid([{ DataPath: '/widgets', Message: `Should NOT have more than ${MAX_WIDGETS} items` }]);
  const errors: Msg[] = [];
  widgets.forEach((w: unknown, i) => checkWidget(w, `/widgets/${i}`, errors));
  if (errors.length) invalid(errors);
  return [];
}

export class DashboardRegistry {
  readonly dashboards = new Map<string, Dashboard>();

  constructor(private readonly now: () => number) {}

  put(input: unknown): unknown {
    const o = asObject(input);
    const name = reqString(o, 'DashboardName');
    if (!NAME_RE.test(name)) {
      throw invalidParameterValue('The value for field DashboardName contains invalid characters. ' +
        'It can only contain alphanumerics, dash (-) and underscore (_).');
    }
    const body = optString(o, 'DashboardBody');
    if (body === undefined) throw missingParameter('DashboardBody');
    const messages = validateBody(body);
    this.dashboards.set(name, { name, body, lastModifiedMs: this.now() });
    return { DashboardValidationMessages: messages };
  }

  get(input: unknown): unknown {
    const name = reqString(asObject(input), 'DashboardName');
    const d = this.dashboards.get(name);
    if (!d) throw dashboardNotFound(`Dashboard ${name} does not exist`);
    return { DashboardArn: arn(name), DashboardBody: d.body, DashboardName: name };
  }

  list(input: unknown): unknown {
    const o = asObject(input);
    const prefix = optString(o, 'DashboardNamePrefix') ?? '';
    const token = optString(o, 'NextToken');
    let after = '';
    if (token !== undefined) {
      const t = decodeToken(token, (v): v is { d: string } => typeof (v as { d?: unknown })?.d === 'string');
      if (!t) throw invalidNextToken();
      after = t.d;
    }
    const all = [...this.dashboards.values()].filter((d) => d.name.startsWith(prefix) && d.name > after)
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    const page = all.slice(0, PAGE);
    return {
      DashboardEntries: page.map((d) => ({
        DashboardName: d.name, DashboardArn: arn(d.name), LastModified: d.lastModifiedMs / 1000,
        Size: Buffer.byteLength(d.body),
      })),
      ...(all.length > PAGE && { NextToken: encodeToken({ d: (page[page.length - 1] as Dashboard).name }) }),
    };
  }

  delete(input: unknown): unknown {
    const names = optStringList(asObject(input), 'DashboardNames');
    if (!names || names.length === 0) throw missingParameter('DashboardNames');
    const missing = names.find((n) => !this.dashboards.has(n));
    if (missing !== undefined) throw dashboardNotFound(`Dashboard ${missing} does not exist`);
    for (const n of names) this.dashboards.delete(n);
    return {};
  }

  snapshot(): Dashboard[] {
    return [...this.dashboards.values()];
  }

  static restore(now: () => number, list: Dashboard[] | undefined): DashboardRegistry {
    const r = new DashboardRegistry(now);
    for (const d of list ?? []) r.dashboards.set(d.name, d);
    return r;
  }
}
