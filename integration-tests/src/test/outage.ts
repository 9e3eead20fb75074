import type { AddressInfo } from 'node:net';
import type { TestSubgraph } from '@mitgen/test-kit';

/** Stops a subgraph's HTTP server (its database stays) and returns how to start it again on the same port. */
export async function stopHttp(sg: TestSubgraph): Promise<() => Promise<void>> {
  const { port } = sg.httpServer.address() as AddressInfo;
  await new Promise<void>((resolve) => {
    sg.httpServer.close(() => resolve());
    sg.httpServer.closeAllConnections();
  });
  return () => new Promise<void>((resolve) => sg.httpServer.listen(port, '127.0.0.1', () => resolve()));
}
