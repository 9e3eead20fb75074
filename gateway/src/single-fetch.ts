import type { Experimental_DidResolveQueryPlanCallback, GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayExecutionResult, GatewayGraphQLRequestContext, GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { getVariableValues, Kind, parse, print, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { recordingSpan } from '@mitgen/subgraph-kit/runtime';
import type { GatewayMetrics } from './metrics';

/** The answer of the one subgraph fetch, handed to Apollo Gateway when the fast path gives up (subgraph-source.ts). */
export interface Prefetched {
  query: string;
  answer: Promise<GatewayGraphQLResponse>;
}

/** Where a prefetched answer waits on the request's context. */
export const PREFETCHED = Symbol('prefetched single fetch');

type QueryPlan = Parameters<Experimental_DidResolveQueryPlanCallback>[0]['queryPlan'];
type FetchNode = Extract<NonNullable<QueryPlan['node']>, { kind: 'Fetch' }>;
type Plan = { fetch: FetchNode; service: GraphQLDataSource } | null;

/**
 * Operations whose query plan is one fetch from one subgraph with exactly the client's selection
 * (same fields, aliases, arguments, directives, no fragments) are answered with that subgraph's
 * data as it came — what Apollo Gateway's result shaping (`computeResponse`) would rebuild field by
 * field, at about a fifth of the gateway's CPU per request. Anything else, and any answer with
 * errors or without data, goes through Apollo Gateway's executor as before; the answer already
 * fetched is then handed to it (PREFETCHED), so no operation is sent twice. Off for supergraphs
 * that hide parts of subgraphs (`@inaccessible`, `@interfaceObject`, `@context`), where the
 * subgraph's answer may hold what the client must not see, and while a trace is recorded (Apollo
 * Gateway's spans stay complete).
 */
export class SingleFetchPath {
  private plans = new WeakMap<DocumentNode, Map<string, Plan>>();
  private allowed = false;
  private readonly served;
  private readonly handedOver;

  constructor(metrics: GatewayMetrics, private readonly enabled = true) {
    this.served = metrics.singleFetch.labels('served');
    this.handedOver = metrics.singleFetch.labels('handed over');
  }

  /** The supergraph was (re)loaded: plans start over; the fast path only where nothing is hidden. */
  schemaLoaded(supergraphSdl: string): void {
    this.plans = new WeakMap();
    this.allowed = this.enabled && !/@inaccessible\b|isInterfaceObject:\s*true|@context\b|@fromContext\b/.test(supergraphSdl);
  }

  /** Apollo Gateway planned an operation (`experimental_didResolveQueryPlan`): remember whether it qualifies. */
  readonly didResolveQueryPlan: Experimental_DidResolveQueryPlanCallback = ({ queryPlan, serviceMap, requestContext }) => {
    const document = requestContext.document;
    const operation = requestContext.operation;
    if (!this.allowed || !document || !operation) return;
    const key = requestContext.operationName ?? '';
    let byName = this.plans.get(document);
    if (byName?.has(key)) return;
    if (!byName) this.plans.set(document, (byName = new Map()));
    const node = queryPlan.node;
    const fetch = node?.kind === 'Fetch' && qualifies(node, operation) ? node : undefined;
    const service = fetch && serviceMap[fetch.serviceName];
    byName.set(key, fetch && service ? { fetch, service } : null);
  };

  /** The answer through the fast path, or undefined: run Apollo Gateway's executor (with the prefetched answer, if any). */
  async execute(rc: GatewayGraphQLRequestContext): Promise<GatewayExecutionResult | undefined> {
    const plan = this.allowed ? this.plans.get(rc.document)?.get(rc.operationName ?? '') : undefined;
    if (!plan || !rc.operation || recordingSpan()) return undefined;
    const provided = rc.request.variables;
    // Invalid variables: the executor answers with its own errors, before any fetch.
    if (rc.operation.variableDefinitions?.length && getVariableValues(rc.schema, rc.operation.variableDefinitions, provided ?? {}).errors) return undefined;
    // The variables the fetch uses, as Apollo Gateway passes them (executeQueryPlan.ts).
    const variables: Record<string, unknown> = Object.create(null);
    for (const name of plan.fetch.variableUsages ?? []) {
      if (provided && Object.hasOwn(provided, name) && provided[name] !== undefined) variables[name] = provided[name];
    }
    const answer = plan.service.process({
      // GraphQLDataSourceRequestKind.INCOMING_OPERATION (the enum is not exported by the package)
      kind: 'incoming operation' as GraphQLDataSourceProcessOptions['kind'] & 'incoming operation',
      request: { query: plan.fetch.operation, variables, operationName: plan.fetch.operationName },
      incomingRequestContext: rc,
      context: rc.context,
      document: plan.fetch.operationDocumentNode,
      pathInIncomingRequest: [],
    });
    let result: GatewayGraphQLResponse | undefined;
    try {
      result = await answer;
    } catch {
      // Handed over: the executor turns the failure into its usual error.
    }
    const data = result?.data;
    if (result && !result.errors?.length && data && typeof data === 'object' && !Array.isArray(data)) {
      this.served.inc();
      return { data };
    }
    this.handedOver.inc();
    (rc.context as Record<symbol, Prefetched>)[PREFETCHED] = { query: plan.fetch.operation, answer };
    return undefined;
  }
}

/** The prefetched answer for this fetch, taken from the context (once), or undefined. */
export function takePrefetched(context: object | undefined, query: string | undefined): Promise<GatewayGraphQLResponse> | undefined {
  const holder = context as Record<symbol, Prefetched | undefined> | undefined;
  const p = holder?.[PREFETCHED];
  if (!p || p.query !== query) return undefined;
  holder![PREFETCHED] = undefined;
  return p.answer;
}

/** One fetch without entity steps or rewrites whose selection is exactly the client's. */
function qualifies(fetch: FetchNode, operation: OperationDefinitionNode): boolean {
  if (fetch.requires || fetch.hasDefers || fetch.inputRewrites?.length || fetch.outputRewrites?.length || fetch.contextRewrites?.length) return false;
  if (operation.operation === 'subscription' || operation.directives?.length || fetch.operationKind !== operation.operation) return false;
  const sent = fetch.operationDocumentNode ?? parse(fetch.operation);
  if (sent.definitions.length !== 1 || sent.definitions[0].kind !== Kind.OPERATION_DEFINITION) return false;
  return print(sent.definitions[0].selectionSet) === print(operation.selectionSet);
}
