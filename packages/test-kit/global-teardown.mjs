import { rmSync } from 'node:fs';

export default async function globalTeardown() {
  const state = globalThis.__MITGEN_TEST_PG__;
  if (!state) return;
  await state.pg.stop();
  rmSync(state.dataDir, { recursive: true, force: true });
}
