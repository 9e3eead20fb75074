import type { ApolloGateway } from '@apollo/gateway';
import type { ApolloServer } from '@apollo/server';
import type { Request, Response } from 'express';
import {
  getNamedType,
  GraphQLObjectType,
  isLeafType,
  isNonNullType,
  isObjectType,
  Kind,
  parse,
  type GraphQLField,
  type GraphQLSchema,
} from 'graphql';
import type { Logger } from '@mitgen/subgraph-kit/runtime';
import type { GatewayContext } from './context';

// `POST /privacy/export` — one download of everything the graph stores about a person (GDPR
// Art. 15 copy, Art. 20 portability), for coordinators: every field of `DataSubject`, whichever
// service contributes it, grouped by service, lists paged to the end. The selection is derived
// from the schema, so a service that adds a field to `DataSubject` is in the download without a
// change here. Rules of the selection, so that the file holds the person's data and nobody
// else's: the person's own records (what a `DataSubject` field returns, or the nodes of its list)
// with all their plain fields and the plain fields of value objects inside them; any entity (a
// type with a federation key, or an `id`) they point to — event, partner, topic, region,
// session, … — by its key and name only; no list with arguments below the top (such as an
// event's registrations, which are other people).

/** Page size for the person's lists (the gateway's `first` maximum). */
const PAGE = 100;
/** Most pages of one list (100 × 100 items), against a loop on a broken cursor. */
const MAX_PAGES = 100;
/** Value objects inside records, levels deep. */
const VALUE_DEPTH = 2;
/** Fields that name a referenced record, when it has them. */
const IDENTITY = ['id', 'slug', 'code', 'name', 'title', 'displayName', 'startsAt', 'endsAt'];

/** One top-level field of `DataSubject` and how to fetch it. */
interface ExportField {
  name: string;
  service: string;
  /** Selection below the field (nodes' selection for lists). */
  selection: string;
  list: boolean;
}

const plainArgsOnly = (f: GraphQLField<unknown, unknown>) => f.args.every((a) => !isNonNullType(a.type) || a.defaultValue !== undefined);
const isList = (t: GraphQLObjectType) => 'nodes' in t.getFields() && 'pageInfo' in t.getFields();

function identity(t: GraphQLObjectType): string {
  const fields = t.getFields();
  return IDENTITY.filter((n) => fields[n] && isLeafType(getNamedType(fields[n].type)) && plainArgsOnly(fields[n])).join(' ');
}

/** A record's selection: plain fields, value objects (to VALUE_DEPTH), referenced entities by identity. */
function record(t: GraphQLObjectType, isEntity: (t: GraphQLObjectType) => boolean, depth = 0): string {
  const parts: string[] = [];
  for (const f of Object.values(t.getFields())) {
    if (!plainArgsOnly(f)) continue;
    const named = getNamedType(f.type);
    if (isLeafType(named)) parts.push(f.name);
    else if (isObjectType(named) && !isList(named) && f.args.length === 0) {
      if (isEntity(named)) parts.push(`${f.name} { ${identity(named)} }`);
      else if (depth < VALUE_DEPTH) {
        const inner = record(named, isEntity, depth + 1);
        if (inner) parts.push(`${f.name} { ${inner} }`);
      }
    }
  }
  return parts.join(' ');
}

/**
 * From the supergraph: which subgraph contributes each field of `DataSubject` (`@join__field`) and
 * which types are entities (a `@join__type` with a key).
 */
function readSupergraph(coreSupergraphSdl: string): { services: Map<string, string>; entities: Set<string> } {
  const graphs = new Map<string, string>();
  const fields = new Map<string, string>();
  const entities = new Set<string>();
  for (const def of parse(coreSupergraphSdl).definitions) {
    if (def.kind === Kind.ENUM_TYPE_DEFINITION && def.name.value === 'join__Graph') {
      for (const v of def.values ?? []) {
        const arg = v.directives?.find((d) => d.name.value === 'join__graph')?.arguments?.find((a) => a.name.value === 'name');
        if (arg?.value.kind === Kind.STRING) graphs.set(v.name.value, arg.value.value);
      }
    }
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    if (def.directives?.some((d) => d.name.value === 'join__type' && d.arguments?.some((a) => a.name.value === 'key'))) entities.add(def.name.value);
    if (def.name.value === 'DataSubject') {
      for (const f of def.fields ?? []) {
        const graph = f.directives?.find((d) => d.name.value === 'join__field')?.arguments?.find((a) => a.name.value === 'graph');
        if (graph?.value.kind === Kind.ENUM) fields.set(f.name.value, graph.value.value);
      }
    }
  }
  return { services: new Map([...fields].map(([field, graph]) => [field, graphs.get(graph) ?? graph.toLowerCase()])), entities };
}

/** What the export selects, derived from the API schema and the supergraph. */
export function exportPlan(apiSchema: GraphQLSchema, coreSupergraphSdl: string): ExportField[] {
  const subject = apiSchema.getType('DataSubject');
  if (!isObjectType(subject)) return [];
  const { services, entities } = readSupergraph(coreSupergraphSdl);
  const isEntity = (t: GraphQLObjectType) => entities.has(t.name) || 'id' in t.getFields();
  const plan: ExportField[] = [];
  for (const f of Object.values(subject.getFields())) {
    if (f.name === 'email') continue;
    const named = getNamedType(f.type);
    const service = services.get(f.name) ?? 'unknown';
    if (isLeafType(named)) plan.push({ name: f.name, service, selection: '', list: false });
    else if (isObjectType(named) && isList(named)) {
      const nodes = getNamedType(named.getFields().nodes.type);
      if (isObjectType(nodes)) plan.push({ name: f.name, service, selection: record(nodes, isEntity), list: true });
    } else if (isObjectType(named)) plan.push({ name: f.name, service, selection: record(named, isEntity), list: false });
  }
  return plan;
}

/** The operation that fetches these fields of the plan (lists from `after`, per field in `$after_<field>`). */
export function exportOperation(plan: ExportField[]): string {
  const vars = plan.filter((f) => f.list).map((f) => `, $after_${f.name}: String`);
  const fields = plan.map((f) =>
    f.list
      ? `${f.name}(first: ${PAGE}, after: $after_${f.name}) { totalCount pageInfo { hasNextPage endCursor } nodes { ${f.selection} } }`
      : f.selection
        ? `${f.name} { ${f.selection} }`
        : f.name,
  );
  return `query DataSubjectExport($email: String!${vars.join('')}) { dataSubject(email: $email) { email ${fields.join(' ')} } }`;
}

/** Status of an export that could not be completed, by error code. */
const STATUS: Record<string, number> = { BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, INTERNAL_SERVER_ERROR: 500 };

interface ErrorOut {
  message: string;
  extensions?: Record<string, unknown>;
}

/** The route's handler; it learns the schema from the gateway (also after a supergraph update). */
export class DataSubjectExport {
  private plan: ExportField[] = [];

  constructor(gateway: ApolloGateway) {
    gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => {
      this.plan = exportPlan(apiSchema, coreSupergraphSdl);
    });
  }

  /** Express handler of `POST /privacy/export` with `{ "email": "…" }` (after the gateway's authentication). */
  handler(apollo: ApolloServer<GatewayContext>, log: Logger) {
    return async (req: Request, res: Response) => {
      const principal = res.locals.principal as GatewayContext['principal'];
      const requestId = res.locals.requestId as string;
      const fail = (status: number, errors: ErrorOut[]) => res.status(status).json({ errors, extensions: { requestId } });
      if (principal.role !== 'COORDINATOR') {
        const code = principal.role === 'ANONYMOUS' || principal.role === 'API_CLIENT' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
        return fail(STATUS[code], [{ message: 'Only coordinators may download a person’s data', extensions: { code } }]);
      }
      const email = (req.body as { email?: unknown } | undefined)?.email;
      if (typeof email !== 'string') return fail(400, [{ message: 'Send the person’s address as JSON: { "email": "name@beispiel.de" }', extensions: { code: 'BAD_USER_INPUT', field: 'email' } }]);

      const contextValue: GatewayContext = { requestId, principal, clientIp: req.ip, userAgent: req.headers['user-agent']?.slice(0, 500), log: log.child({ requestId }) };
      const plan = this.plan;
      const run = async (fields: ExportField[], after: Record<string, string | null> = {}) => {
        const variables: Record<string, unknown> = { email };
        for (const f of fields) if (f.list) variables[`after_${f.name}`] = after[f.name] ?? null;
        const response = await apollo.executeOperation({ query: exportOperation(fields), variables }, { contextValue });
        if (response.body.kind !== 'single') throw new Error('unexpected incremental answer');
        // The selection is generated from the schema at run time, so is the answer's shape.
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        return response.body.singleResult as { data?: { dataSubject: Record<string, any> | null } | null; errors?: readonly ErrorOut[] };
      };

      // First every field, then the further pages of the lists that have more, one list at a time.
      const first = await run(plan);
      if (first.errors?.length || !first.data?.dataSubject) return this.refuse(res, fail, first.errors ?? []);
      const subject = first.data.dataSubject;
      for (const f of plan.filter((p) => p.list)) {
        let page = subject[f.name];
        const nodes = [...(page?.nodes ?? [])];
        for (let n = 1; page?.pageInfo.hasNextPage && n < MAX_PAGES; n++) {
          const next = await run([f], { [f.name]: page.pageInfo.endCursor });
          if (next.errors?.length || !next.data?.dataSubject) return this.refuse(res, fail, next.errors ?? []);
          page = next.data.dataSubject[f.name];
          nodes.push(...page.nodes);
        }
        subject[f.name] = { totalCount: subject[f.name]?.totalCount ?? 0, nodes };
      }

      const services: Record<string, Record<string, unknown>> = {};
      for (const f of plan) (services[f.service] ??= {})[f.name] = subject[f.name];
      const exportedAt = new Date().toISOString();
      res.setHeader('cache-control', 'no-store');
      res.setHeader('content-disposition', `attachment; filename="datenauskunft-${exportedAt.slice(0, 10)}.json"`);
      res.json({ email: subject.email, exportedAt, services });
    };
  }

  /** No partial file: an export that misses a service's part is refused with the reason (503 when a service is unavailable). */
  private refuse(res: Response, fail: (status: number, errors: ErrorOut[]) => unknown, errors: readonly ErrorOut[]) {
    const code = (errors[0]?.extensions?.code as string | undefined) ?? 'INTERNAL_SERVER_ERROR';
    return fail(STATUS[code] ?? 503, errors.map((e) => ({ message: e.message, extensions: e.extensions })));
  }
}
