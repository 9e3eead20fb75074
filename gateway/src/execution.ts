import type { ApolloGateway } from '@apollo/gateway';
import type { GatewayExecutionResult, GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { Kind, type OperationDefinitionNode } from 'graphql';
import type { Logger } from '@mitgen/subgraph-kit/runtime';
import { restoreAliases, restoreErrorPath, withSafeAliases } from './aliases';
import type { SingleFetchPath } from './single-fetch';
import { REFERENCE_NOT_FOUND, valueCompletionErrors } from './value-completion';

/**
 * Apollo Gateway as Apollo Server runs it, with the gateway's corrections around each execution:
 * aliases that collide with fields the query planner adds are renamed for planning and restored
 * in the answer (aliases.ts), and value-completion findings become documented errors
 * (value-completion.ts). Operations that one subgraph answers as asked take the fast path
 * (single-fetch.ts).
 */
export function correctedGateway(gateway: ApolloGateway, log: Logger, singleFetch?: SingleFetchPath): GatewayInterface {
  return {
    onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(callback),
    stop: () => gateway.stop(),
    async load(options) {
      const loaded = await gateway.load(options);
      return { ...loaded, executor: loaded.executor && corrected(loaded.executor, log, singleFetch) };
    },
  };
}

function corrected(execute: GatewayExecutor, log: Logger, singleFetch?: SingleFetchPath): GatewayExecutor {
  return async (rc) => {
    const document = withSafeAliases(rc.schema, rc.document);
    const renamed = document !== rc.document;
    const fast = renamed ? undefined : await singleFetch?.execute(rc);
    if (fast) return fixed(fast, false, log, rc.context);
    const operation = renamed
      ? document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (rc.operationName == null || d.name?.value === rc.operationName))
      : undefined;
    const result = await execute(renamed ? ({ ...rc, document, operation: operation ?? rc.operation } as typeof rc) : rc);
    return fixed(result, renamed, log, rc.context);
  };
}

function fixed(result: GatewayExecutionResult, renamed: boolean, log: Logger, context: unknown): GatewayExecutionResult {
  const { valueCompletion, ...extensions } = result.extensions ?? {};
  const found = valueCompletionErrors(valueCompletion, result.data);
  const references = found.filter((e) => e.extensions.code === REFERENCE_NOT_FOUND);
  if (references.length) {
    const requestId = (context as { requestId?: string } | undefined)?.requestId;
    log.warn({ requestId, paths: references.map((e) => e.path?.join('.')) }, '[gateway] a referenced record is gone or hidden: null in the answer');
  }
  const errors = [...(result.errors ?? []), ...found].map((e) => (renamed ? restoreErrorPath(e) : e));
  const out: GatewayExecutionResult = { ...result };
  if (renamed && result.data) out.data = restoreAliases(result.data);
  if (errors.length) out.errors = errors;
  if (result.extensions) {
    if (Object.keys(extensions).length) out.extensions = extensions;
    else delete out.extensions;
  }
  return out;
}
