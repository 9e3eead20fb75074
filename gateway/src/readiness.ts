import type { Pool } from 'undici';

export interface ReadinessReport {
  status: 'ready' | 'unready';
  supergraph: 'loaded' | 'not loaded';
  subgraphs: Record<string, 'ready' | 'unready' | 'unreachable'>;
  shuttingDown?: true;
}

/**
 * `/ready`: the supergraph is loaded and every subgraph answers its own `/ready` (database
 * reachable) within the time limit. Probes that arrive together share one round of checks.
 */
export class Readiness {
  private running?: Promise<ReadinessReport>;
  loaded = false;
  shuttingDown = false;

  constructor(
    private readonly subgraphs: { name: string; pool: Pool; readyPath: string }[],
    private readonly timeoutMs: number,
  ) {}

  check(): Promise<ReadinessReport> {
    return (this.running ??= this.probe().finally(() => (this.running = undefined)));
  }

  private async probe(): Promise<ReadinessReport> {
    const results = await Promise.all(
      this.subgraphs.map(async (s) => {
        try {
          const res = await s.pool.request({ path: s.readyPath, method: 'GET', headersTimeout: this.timeoutMs, bodyTimeout: this.timeoutMs });
          await res.body.dump();
          return [s.name, res.statusCode === 200 ? 'ready' : 'unready'] as const;
        } catch {
          return [s.name, 'unreachable'] as const;
        }
      }),
    );
    const subgraphs = Object.fromEntries(results);
    const ok = this.loaded && !this.shuttingDown && results.every(([, r]) => r === 'ready');
    return {
      status: ok ? 'ready' : 'unready',
      supergraph: this.loaded ? 'loaded' : 'not loaded',
      subgraphs,
      ...(this.shuttingDown ? { shuttingDown: true as const } : {}),
    };
  }
}
