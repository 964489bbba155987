/**
 * Dashboards: PutDashboard / GetDashboard / ListDashboards / DeleteDashboards. The body must be a JSON object with
 * a `widgets` array (otherwise DashboardInvalidInputError, code InvalidParameterInput); widget-level problems are
 * returned as DashboardValidationMessages while the dashboard is still saved.
 */
import { dashboardInvalidInput, dashboardNotFound, invalidNextToken, invalidParameterValue, missingParameter } from './errors';
import { ACCOUNT_ID } from './alarms';
import { asObject, decodeToken, encodeToken, optString, optStringList, reqString } from './input';

export type Dashboard = { name: string; body: string; lastModifiedMs: number };

const NAME_RE = /^[A-Za-z0-9_-]{1,255}$/;
const WIDGET_TYPES = new Set(['metric', 'text', 'log', 'alarm', 'explorer', 'custom']);
const PAGE = 1000;
const arn = (name: string) => `arn:aws:cloudwatch::${ACCOUNT_ID}:dashboard/${name}`;

type Msg = { DataPath: string; Message: string };

function validateBody(body: string): Msg[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw dashboardInvalidInput('The field DashboardBody must be a valid JSON object',
      [{ DataPath: '', Message: 'Invalid JSON' }]);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw dashboardInvalidInput('The field DashboardBody must be a valid JSON object',
      [{ DataPath: '', Message: 'Should be object' }]);
  }
  const widgets = (parsed as Record<string, unknown>)['widgets'];
  if (!Array.isArray(widgets)) {
    throw dashboardInvalidInput('The input for the dashboard is invalid. Review the validation messages for details.',
      [{ DataPath: widgets === undefined ? '' : '/widgets', Message: widgets === undefined ? "Should have required property 'widgets'" : 'Should be array' }]);
  }
  const fatal: Msg[] = [];
  const warnings: Msg[] = [];
  widgets.forEach((w: unknown, i) => {
    const path = `/widgets/${i}`;
    if (typeof w !== 'object' || w === null || Array.isArray(w)) {
      fatal.push({ DataPath: path, Message: 'Should be object' });
      return;
    }
    const type = (w as Record<string, unknown>)['type'];
    if (typeof type !== 'string' || !WIDGET_TYPES.has(type)) {
      fatal.push({ DataPath: `${path}/type`, Message: `Should be equal to one of the allowed values: ${[...WIDGET_TYPES].join(', ')}` });
      return;
    }
    const props = (w as Record<string, unknown>)['properties'];
    if (typeof props !== 'object' || props === null) {
      fatal.push({ DataPath: path, Message: "Should have required property 'properties'" });
      return;
    }
    if (type === 'metric' && typeof (props as Record<string, unknown>)['region'] !== 'string') {
      warnings.push({ DataPath: `${path}/properties`, Message: "Should have required property 'region'" });
    }
  });
  if (fatal.length) {
    throw dashboardInvalidInput('The input for the dashboard is invalid. Review the validation messages for details.', fatal);
  }
  return warnings;
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
