import { berlinDate, foldGerman, isUuid, PublicationStatus, type SubgraphDeps } from '@mitgen/subgraph-kit';
import type { Request, Response, Router } from 'express';
import { GraphQLError } from 'graphql';
import type { SelectQueryBuilder } from 'typeorm';
import type { ResourcesEnv } from '../env';
import { GraphUnavailableError } from '@mitgen/subgraph-kit';
import type { ResourcesDeps } from '../prepare';
import { ResourceFormat, ResourceKind, Resource } from '../resource/resource.entity';
import { RESOURCE_SEARCH, searchText } from '../resource/resource.service';
import type { HsdsDirectory } from './hsds.directory';
import {
  allKindTerms,
  isAtLocation,
  KINDS_TAXONOMY,
  kindTermId,
  organizationOf,
  serviceAtLocationOf,
  serviceFieldsOf,
  serviceIdOfServiceAtLocation,
  serviceOf,
  TAXONOMIES,
  topicTerm,
  topicTermId,
  TOPICS_TAXONOMY,
  type Names,
} from './hsds.mapper';
import type { HsdsPage } from './hsds.schema';

// Open Referral HSDS 3.0 read API over the resource pool (services) and the partners
// (organizations), following the API reference: `/`, `/services`, `/services/{id}`,
// `/organizations`, `/organizations/{id}`, `/taxonomies`, `/taxonomy_terms`,
// `/service_at_locations` (each with `/{id}`), paged with `page`/`per_page`. The gateway passes
// `/hsds/*` on to here. Published records only; what the partners service owns comes through
// the graph in the public view (hsds.directory.ts). docs/hsds.md lists which fields are filled.

/** Default and largest `per_page`. */
export const DEFAULT_PER_PAGE = 50;
export const MAX_PER_PAGE = 100;
/** How long caches may keep an answer (seconds), as long as the graph's hints for these records. */
const MAX_AGE = 60;

/** A refused request parameter: 400 with a JSON error naming it. */
class BadParameter extends Error {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
  }
}

function sendError(res: Response, status: number, code: string, message: string, extra: Record<string, unknown> = {}) {
  res.status(status).set('Cache-Control', 'no-store').json({ errors: [{ message, extensions: { code, ...extra } }] });
}

function send(res: Response, body: unknown) {
  res.set('Cache-Control', `public, max-age=${MAX_AGE}`).json(body);
}

/** One query parameter as a string; repeated parameters are refused. */
function param(req: Request, name: string): string | undefined {
  const v = req.query[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new BadParameter(name, `${name} must be given once, as a plain value`);
  return v;
}

function intParam(req: Request, name: string, min: number, max: number, fallback: number): number {
  const v = param(req, name);
  if (v === undefined || v === '') return fallback;
  if (!/^\d{1,9}$/.test(v) || Number(v) < min || Number(v) > max) throw new BadParameter(name, `${name} must be a whole number from ${min} to ${max}`);
  return Number(v);
}

function boolParam(req: Request, name: string): boolean {
  const v = param(req, name);
  if (v === undefined || v === '' || v === 'false') return false;
  if (v === 'true') return true;
  throw new BadParameter(name, `${name} must be true or false`);
}

function uuidParam(req: Request, name: string): string | undefined {
  const v = param(req, name);
  if (v === undefined || v === '') return undefined;
  if (!isUuid(v)) throw new BadParameter(name, `${name} must be a UUID`);
  return v.toLowerCase();
}

function dateTimeParam(req: Request, name: string): Date | undefined {
  const v = param(req, name);
  if (v === undefined || v === '') return undefined;
  const at = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(v) ? new Date(v) : new Date(NaN);
  if (Number.isNaN(at.getTime())) throw new BadParameter(name, `${name} must be an ISO 8601 date or date-time, e.g. 2026-01-31T00:00:00Z`);
  return at;
}

interface Paging {
  page: number;
  perPage: number;
}

function paging(req: Request): Paging {
  return { page: intParam(req, 'page', 1, 1_000_000, 1), perPage: intParam(req, 'per_page', 1, MAX_PER_PAGE, DEFAULT_PER_PAGE) };
}

/** The page envelope; a page past the last one (there is always a first) is refused. */
function envelope<T>(p: Paging, total: number, contents: T[]): HsdsPage<T> {
  const totalPages = Math.ceil(total / p.perPage);
  if (p.page > Math.max(totalPages, 1)) throw new BadParameter('page', `page ${p.page} is past the last page (${Math.max(totalPages, 1)}) of ${total} item(s) at per_page=${p.perPage}`);
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: p.page,
    size: contents.length,
    first_page: p.page === 1,
    last_page: p.page >= totalPages,
    empty: total === 0,
    contents,
  };
}

/** One page of an in-memory list. */
function pageOf<T>(p: Paging, items: T[]): HsdsPage<T> {
  return envelope(p, items.length, items.slice((p.page - 1) * p.perPage, p.page * p.perPage));
}

/** Names of topics and regions for the records of one answer. */
async function namesFrom(dir: HsdsDirectory): Promise<Names> {
  const [topics, regions] = await Promise.all([dir.topics(), dir.regions()]);
  return { topics: new Map(topics.map((t) => [t.slug, t])), regions };
}

type Deps = SubgraphDeps<ResourcesEnv, ResourcesDeps>;


/** A text filter folded by the graph's German rule ("lueneburg" finds "Lüneburg"), or undefined. */
function foldedParam(req: Request, name: string): string | undefined {
  const value = param(req, name)?.trim();
  return value ? foldGerman(value) : undefined;
}

/** The published resources a list asks for: filters of the API reference. */
async function resourceQuery(deps: Deps, req: Request, options: { atLocation?: boolean } = {}): Promise<SelectQueryBuilder<Resource>> {
  const qb = deps.ds.getRepository(Resource).createQueryBuilder('r').where('r.status = :published', { published: PublicationStatus.PUBLISHED });
  if (options.atLocation) qb.andWhere('r.format IN (:...formats)', { formats: [ResourceFormat.IN_PERSON, ResourceFormat.HYBRID] });
  const modifiedAfter = dateTimeParam(req, 'modified_after');
  if (modifiedAfter) qb.andWhere('r.updated_at >= :modifiedAfter', { modifiedAfter });
  const organizationId = uuidParam(req, 'organization_id');
  if (organizationId) qb.andWhere('r.provider_id = :organizationId', { organizationId });
  const search = param(req, 'search');
  if (search) {
    if (search.length > 200) throw new BadParameter('search', 'search must be at most 200 characters long');
    let text: string | null;
    try {
      text = searchText(search);
    } catch (e) {
      throw new BadParameter('search', e instanceof GraphQLError ? e.message : 'search is not valid');
    }
    if (text) qb.andWhere(RESOURCE_SEARCH.matches, { search: text });
  }
  const termId = uuidParam(req, 'taxonomy_term_id');
  if (termId) {
    const kind = Object.values(ResourceKind).find((k) => kindTermId(k) === termId);
    const topic = kind ? undefined : (await deps.services.hsds!.topics()).find((t) => topicTermId(t.slug) === termId);
    if (kind) qb.andWhere('r.kind = :kind', { kind });
    else if (topic) qb.andWhere(':topic = ANY(r.topic_slugs)', { topic: topic.slug });
    else qb.andWhere('false');
  }
  const taxonomyId = uuidParam(req, 'taxonomy_id');
  if (taxonomyId === TOPICS_TAXONOMY.id) qb.andWhere('cardinality(r.topic_slugs) > 0');
  else if (taxonomyId && taxonomyId !== KINDS_TAXONOMY.id) qb.andWhere('false');
  return qb.orderBy('r.title', 'ASC').addOrderBy('r.id', 'ASC');
}

async function resourcePage(qb: SelectQueryBuilder<Resource>, p: Paging): Promise<{ rows: Resource[]; total: number }> {
  const [rows, total] = await qb
    .skip((p.page - 1) * p.perPage)
    .take(p.perPage)
    .getManyAndCount();
  return { rows, total };
}

/** Nested services: providers, contacts, topic and region names in a few requests to the graph. */
async function nestedServices(deps: Deps, rows: Resource[]) {
  const dir = deps.services.hsds!;
  const [providers, contacts, names] = await Promise.all([
    dir.partners(rows.map((r) => r.providerId), false),
    dir.contacts(rows.flatMap((r) => r.contactIds)),
    namesFrom(dir),
  ]);
  const today = berlinDate(deps.clock.now());
  return rows.map((r) => serviceOf(r, today, { provider: providers.get(r.providerId) ?? null, contacts, names }));
}

const published = (deps: Deps, id: string) => deps.ds.getRepository(Resource).findOneBy({ id, status: PublicationStatus.PUBLISHED });

/** Mounts the HSDS API under `/hsds`. */
export function mountHsds(router: Router, deps: Deps): void {
  const handle = (fn: (req: Request, res: Response, dir: HsdsDirectory) => Promise<void>) => async (req: Request, res: Response) => {
    const dir = deps.services.hsds;
    if (!dir) return sendError(res, 503, 'SERVICE_UNAVAILABLE', 'The HSDS export is not set up on this instance');
    try {
      await fn(req, res, dir);
    } catch (e) {
      if (e instanceof BadParameter) return sendError(res, 400, 'BAD_REQUEST', e.message, { parameter: e.parameter });
      if (e instanceof GraphUnavailableError) {
        deps.log.warn({ err: e.message }, '[resources] HSDS: the graph did not answer');
        res.set('Retry-After', '30');
        return sendError(res, 503, 'SERVICE_UNAVAILABLE', 'Organisation data is not available right now; try again shortly');
      }
      deps.log.error({ err: e }, '[resources] HSDS request failed');
      sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
    }
  };
  const notFound = (res: Response, what: string) => sendError(res, 404, 'NOT_FOUND', `No ${what} with this id`);
  const today = () => berlinDate(deps.clock.now());

  const root = handle(async (req, res) => {
    send(res, {
      version: '3.0',
      description:
        'Open Referral HSDS 3.0 export of the MitGeN network (Migration. Geschlechtergleichstellung. Niedersachsen): the resource pool as services, the partner organisations as organizations. Published records only.',
      publisher: { name: 'G mit Niedersachsen – VNB e.V. (Koordination des Netzwerks MitGeN)' },
    });
  });
  router.get('/hsds', root);
  router.get('/hsds/', root);

  router.get(
    '/hsds/services',
    handle(async (req, res) => {
      const p = paging(req);
      const full = boolParam(req, 'full');
      const { rows, total } = await resourcePage(await resourceQuery(deps, req), p);
      const env = envelope(p, total, rows);
      send(res, { ...env, contents: full ? await nestedServices(deps, rows) : rows.map((r) => serviceFieldsOf(r, today())) });
    }),
  );
  router.get(
    '/hsds/services/:id',
    handle(async (req, res) => {
      const id = String(req.params.id);
      const r = isUuid(id) ? await published(deps, id.toLowerCase()) : null;
      if (!r) return notFound(res, 'service');
      send(res, (await nestedServices(deps, [r]))[0]);
    }),
  );

  router.get(
    '/hsds/organizations',
    handle(async (req, res, dir) => {
      const p = paging(req);
      const full = boolParam(req, 'full');
      const search = foldedParam(req, 'search');
      const termId = uuidParam(req, 'taxonomy_term_id');
      const taxonomyId = uuidParam(req, 'taxonomy_id');
      let partners = await dir.allPartners();
      if (search) partners = partners.filter((o) => [o.name, o.shortName, o.description].some((t) => t && foldGerman(t).includes(search)));
      if (termId) partners = partners.filter((o) => o.topics.some((slug) => topicTermId(slug) === termId));
      if (taxonomyId) partners = partners.filter((o) => taxonomyId === TOPICS_TAXONOMY.id && o.topics.length > 0);
      const env = pageOf(p, partners);
      const names = await namesFrom(dir);
      if (!full) return send(res, { ...env, contents: env.contents.map((o) => organizationOf(o, names, false)) });
      const detailed = await dir.partners(env.contents.map((o) => o.id), true);
      send(res, { ...env, contents: env.contents.map((o) => organizationOf(detailed.get(o.id) ?? o, names, true)) });
    }),
  );
  router.get(
    '/hsds/organizations/:id',
    handle(async (req, res, dir) => {
      const id = String(req.params.id).toLowerCase();
      const partner = isUuid(id) ? (await dir.partners([id], true)).get(id) : null;
      if (!partner) return notFound(res, 'organization');
      const names = await namesFrom(dir);
      const services = await deps.ds
        .getRepository(Resource)
        .createQueryBuilder('r')
        .where('r.status = :published AND r.provider_id = :id', { published: PublicationStatus.PUBLISHED, id })
        .orderBy('r.title', 'ASC')
        .addOrderBy('r.id', 'ASC')
        .limit(1000)
        .getMany();
      send(res, { ...organizationOf(partner, names, true), services: services.map((r) => serviceFieldsOf(r, today())) });
    }),
  );

  router.get(
    '/hsds/taxonomies',
    handle(async (req, res) => {
      const search = foldedParam(req, 'search');
      send(res, pageOf(paging(req), TAXONOMIES.filter((t) => !search || foldGerman(t.name).includes(search))));
    }),
  );
  router.get(
    '/hsds/taxonomies/:id',
    handle(async (req, res) => {
      const t = TAXONOMIES.find((x) => x.id === String(req.params.id).toLowerCase());
      if (!t) return notFound(res, 'taxonomy');
      send(res, t);
    }),
  );

  const allTerms = async (dir: HsdsDirectory) => [...(await dir.topics()).map(topicTerm), ...allKindTerms()];
  router.get(
    '/hsds/taxonomy_terms',
    handle(async (req, res, dir) => {
      const p = paging(req);
      const taxonomyId = uuidParam(req, 'taxonomy_id');
      const parentId = uuidParam(req, 'parent_id');
      boolParam(req, 'top_only');
      const search = foldedParam(req, 'search');
      // Both taxonomies are flat: every term is a top term, none has a parent.
      let terms = parentId ? [] : await allTerms(dir);
      if (taxonomyId) terms = terms.filter((t) => t.taxonomy_id === taxonomyId);
      if (search) terms = terms.filter((t) => foldGerman(t.name).includes(search) || (t.code && foldGerman(t.code).includes(search)));
      send(res, pageOf(p, terms));
    }),
  );
  router.get(
    '/hsds/taxonomy_terms/:id',
    handle(async (req, res, dir) => {
      const t = (await allTerms(dir)).find((x) => x.id === String(req.params.id).toLowerCase());
      if (!t) return notFound(res, 'taxonomy term');
      send(res, { ...t, taxonomy_detail: t.taxonomy_id === TOPICS_TAXONOMY.id ? TOPICS_TAXONOMY : KINDS_TAXONOMY });
    }),
  );

  router.get(
    '/hsds/service_at_locations',
    handle(async (req, res, dir) => {
      const p = paging(req);
      const full = boolParam(req, 'full');
      const { rows, total } = await resourcePage(await resourceQuery(deps, req, { atLocation: true }), p);
      const env = envelope(p, total, rows);
      if (!full) return send(res, { ...env, contents: rows.map((r) => serviceAtLocationOf(r, null)) });
      const providers = await dir.partners(rows.map((r) => r.providerId), false);
      send(res, { ...env, contents: rows.map((r) => serviceAtLocationOf(r, providers.get(r.providerId) ?? null)) });
    }),
  );
  router.get(
    '/hsds/service_at_locations/:id',
    handle(async (req, res) => {
      const id = String(req.params.id).toLowerCase();
      const r = isUuid(id) ? await published(deps, serviceIdOfServiceAtLocation(id)) : null;
      if (!r || !isAtLocation(r)) return notFound(res, 'service_at_location');
      const [service] = await nestedServices(deps, [r]);
      const sal = service.service_at_locations![0];
      send(res, { ...sal, service: { ...service, service_at_locations: undefined } });
    }),
  );

  router.use('/hsds', (_req, res) => sendError(res, 404, 'NOT_FOUND', 'No such HSDS endpoint; see /hsds/ and docs/hsds.md'));
}
