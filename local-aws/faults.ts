/**
 * Fault injection (placeholder). The server consults `faults.forControlPlane(operation)` before every
 * control-plane operation and `faults.forDataPlane(apiId, stage, method, path)` before every data-plane request;
 * a returned Fault is served instead of the real answer. Rules are set through `POST /_localaws/config`
 * (`{"faults": [...]}`) once implemented; today there are none, so both lookups return undefined.
 */

export interface Fault {
  status: number;
  /** x-amzn-ErrorType for the response, e.g. "ServiceUnavailableException". */
  errorType: string;
  message: string;
  /** Extra delay before answering, in milliseconds. */
  delayMs?: number;
}

export interface FaultRule {
  /** "control" matches API Gateway operations by name, "data" matches data-plane requests. */
  plane: 'control' | 'data';
  /** Operation name (control) or "METHOD /path" prefix (data); "*" matches all. */
  match: string;
  /** 0..1, chance that a matching call fails. */
  probability: number;
  fault: Fault;
}

export class Faults {
  private rules: FaultRule[] = [];

  setRules(rules: FaultRule[]): void {
    this.rules = rules;
  }

  listRules(): readonly FaultRule[] {
    return this.rules;
  }

  forControlPlane(operation: string): Fault | undefined {
    return this.pick('control', (m) => m === '*' || m === operation);
  }

  forDataPlane(method: string, path: string): Fault | undefined {
    if (this.rules.length === 0) return undefined;
    const target = `${method} ${path}`;
    return this.pick('data', (m) => m === '*' || target.startsWith(m));
  }

  private pick(plane: FaultRule['plane'], matches: (match: string) => boolean): Fault | undefined {
    for (const rule of this.rules) {
      if (rule.plane === plane && matches(rule.match) && Math.random() < rule.probability) return rule.fault;
    }
    return undefined;
  }
}
