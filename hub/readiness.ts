// Readiness: can this node serve? Each dependency is checked with a bounded timeout, all in
// parallel; a required one that is down makes the node not ready (503), an optional one only
// shows in the report. Results are cached briefly so a burst of probes is one round of checks.

export interface DependencyCheck {
  name: string;
  required: boolean;
  /** Resolves when the dependency answers; rejects (or times out) when it does not. */
  check: () => Promise<unknown>;
}

export interface DependencyStatus {
  status: 'up' | 'down';
  required: boolean;
  latencyMs: number;
  error?: string;
}

export interface ReadinessReport {
  status: 'ready' | 'not_ready' | 'draining';
  checks: Record<string, DependencyStatus>;
}

export interface ReadinessOptions {
  timeoutMs: number;
  cacheMs?: number;
  onResult?: (name: string, result: DependencyStatus) => void;
}

export class Readiness {
  private draining = false;
  private cached?: { at: number; report: Promise<ReadinessReport> };

  constructor(
    private readonly checks: readonly DependencyCheck[],
    private readonly options: ReadinessOptions,
  ) {}

  /** From now on the node reports `draining`, so load balancers stop sending it traffic. */
  startDraining(): void {
    this.draining = true;
  }

  get isDraining(): boolean {
    return this.draining;
  }

  report(): Promise<ReadinessReport> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at > (this.options.cacheMs ?? 250)) {
      this.cached = { at: now, report: this.run() };
    }
    return this.cached.report.then((r) => (this.draining ? { ...r, status: 'draining' } : r));
  }

  private async run(): Promise<ReadinessReport> {
    const results = await Promise.all(this.checks.map((c) => this.runOne(c)));
    const checks = Object.fromEntries(this.checks.map((c, i) => [c.name, results[i] as DependencyStatus]));
    const ready = results.every((r) => r.status === 'up' || !r.required);
    return { status: ready ? 'ready' : 'not_ready', checks };
  }

  private async runOne({ name, required, check }: DependencyCheck): Promise<DependencyStatus> {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${this.options.timeoutMs} ms`)),
        this.options.timeoutMs,
      );
    });
    let result: DependencyStatus;
    try {
      await Promise.race([check(), timeout]);
      result = { status: 'up', required, latencyMs: round(performance.now() - started) };
    } catch (err) {
      result = {
        status: 'down',
        required,
        latencyMs: round(performance.now() - started),
        error: (err as Error).message,
      };
    } finally {
      clearTimeout(timer);
    }
    this.options.onResult?.(name, result);
    return result;
  }
}

const round = (ms: number) => Math.round(ms * 100) / 100;
