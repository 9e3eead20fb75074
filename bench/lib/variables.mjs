// Realistic variables: each request of an operation draws its own from the seeded data (pages and
// cursors, slugs, search terms, regions, ids), the way partner sites ask, so the gateway's in-flight
// deduplication and caches only help as much as real traffic lets them. Seeded PRNG: every run
// draws the same sequence.
import { benchPartners, CITIES, prng, SIZES, WORDS } from './seed.mjs';
import { stableId } from './ids.mjs';

/** A keyset cursor of the directory (by name, then id), as the partners subgraph makes it. */
const cursor = (p) => Buffer.from(JSON.stringify([p.name, p.id])).toString('base64url');

/** Per-operation generators of variables; `upcoming` are ids of upcoming bench events. */
export function variableSources({ upcoming }) {
  const r = prng(19);
  const published = benchPartners().filter((p) => p.status === 'PUBLISHED');
  // Any published partner can start a page; null is the first page (partner sites open it most).
  const after = () => (r.next() < 0.2 ? null : cursor(r.pick(published)));
  const resourceIds = Array.from({ length: SIZES.resources }, (_, i) => i)
    .filter((i) => i % 13 !== 0)
    .map((i) => stableId('resource', `bench-${i}`));
  const regions = CITIES.map((c) => c[1]);
  const three = (list) => [r.pick(list), r.pick(list), r.pick(list)];
  return {
    directory: () => ({ first: 20, nested: 3, after: after() }),
    'single-subgraph': () => ({ first: 20, after: after() }),
    'resource-search': () => ({
      search: r.next() < 0.5 ? r.pick(WORDS) : `${r.pick(WORDS)} ${r.pick(WORDS)}`,
      region: r.pick(regions),
    }),
    'event-page': () => ({ slug: `bench-event-${r.int(SIZES.events)}` }),
    'edition-render': () => {
      const [e1, e2, e3] = three(upcoming);
      const [r1, r2, r3] = three(resourceIds);
      const [p1, p2, p3] = three(published.map((p) => p.id));
      return { e1, e2, e3, r1, r2, r3, p1, p2, p3 };
    },
  };
}
