import type { TestSubgraph } from '@mitgen/test-kit';
import type { SubgraphName } from './services';

/** Counts HTTP requests that reach the subgraphs (to prove that refused operations cost them nothing). */
export function countSubgraphRequests(subgraphs: Record<SubgraphName, TestSubgraph>): { total(): number; of(name: SubgraphName): number } {
  const counts = Object.fromEntries(Object.keys(subgraphs).map((n) => [n, 0])) as Record<SubgraphName, number>;
  for (const [name, sg] of Object.entries(subgraphs) as [SubgraphName, TestSubgraph][]) {
    sg.httpServer.on('request', () => counts[name]++);
  }
  return { total: () => Object.values(counts).reduce((a, b) => a + b, 0), of: (name) => counts[name] };
}

/** POSTs a raw JSON body (for batches and other shapes `gql` does not send). */
export async function postRaw(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; body: any }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  let parsed: any = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, headers: res.headers, body: parsed };
}
