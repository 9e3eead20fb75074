import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  validate,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Principal } from '@mitgen/subgraph-kit/runtime';
import type { GatewayEnv } from './env';

/** Limits of one kind of caller. */
export interface OperationLimits {
  depth: number;
  aliases: number;
  directives: number;
  cost: number;
}

/** The limits of a caller: coordinators get the higher set. */
export function limitsFor(env: GatewayEnv, principal: Principal): OperationLimits {
  return principal.role === 'COORDINATOR'
    ? { depth: env.MAX_DEPTH_COORDINATOR, aliases: env.MAX_ALIASES_COORDINATOR, directives: env.MAX_DIRECTIVES_COORDINATOR, cost: env.MAX_COST_COORDINATOR }
    : { depth: env.MAX_DEPTH, aliases: env.MAX_ALIASES, directives: env.MAX_DIRECTIVES, cost: env.MAX_COST };
}

/** Stable codes of refused operations (`extensions.code`). */
export const LimitCode = {
  DEPTH: 'MAX_DEPTH_EXCEEDED',
  ALIASES: 'MAX_ALIASES_EXCEEDED',
  DIRECTIVES: 'MAX_DIRECTIVES_EXCEEDED',
  COST: 'MAX_COST_EXCEEDED',
  TOKENS: 'MAX_TOKENS_EXCEEDED',
  CHARACTERS: 'MAX_CHARACTERS_EXCEEDED',
  INTROSPECTION: 'INTROSPECTION_DISABLED',
} as const;

export function limitError(code: string, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra, http: { status: 400 } } });
}

/** One `first` argument in the operation: a literal or a variable, per field path. */
type FirstValue = { literal: number } | { variable: string; fallback: number | undefined };

/** A cost term: a field costs 1, times the product of the `first` values (or list sizes) above it. */
interface CostNode {
  /** Multiplier of this field's children: a `first` value, the assumed list size, or 1. */
  factor: FirstValue | number;
  children: CostNode[];
}

/** What the gateway knows about one parsed and validated document (computed once, reused per request). */
export interface DocumentAnalysis {
  depth: number;
  aliases: number;
  directives: number;
  introspection: boolean;
  /** Root fields of a mutation (aliases counted each), for the stricter rate limits. */
  mutationFields: string[];
  /** Every `first` argument (to check the server-side maximum). */
  firsts: FirstValue[];
  /** Cost when no `first` depends on a variable; else computed per request from `costTree`. */
  staticCost: number | undefined;
  costTree: CostNode[];
}

const NO_LIMIT = Number.MAX_SAFE_INTEGER;

/**
 * Measures depth, aliases and directives with graphql-armor's rules (limits set out of reach, the
 * measured number taken from their accept callbacks) and builds the cost tree. Apollo caches the
 * parsed document per query string, so a WeakMap keyed by it measures each distinct operation once.
 */
export class DocumentAnalyzer {
  private readonly analyses = new WeakMap<DocumentNode, DocumentAnalysis>();

  constructor(private readonly listSize: number) {}

  analyze(schema: GraphQLSchema, document: DocumentNode, operationName?: string | null): DocumentAnalysis {
    const hit = this.analyses.get(document);
    if (hit) return hit;
    const measured = { depth: 0, aliases: 0, directives: 0 };
    const take = (key: keyof typeof measured) => [(_ctx: unknown, details: { n: number }) => (measured[key] = Math.max(measured[key], details.n))];
    validate(schema, document, [
      maxDepthRule({ n: NO_LIMIT, onAccept: take('depth'), ignoreIntrospection: true }),
      maxAliasesRule({ n: NO_LIMIT, onAccept: take('aliases') }),
      maxDirectivesRule({ n: NO_LIMIT, onAccept: take('directives') }),
    ]);
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    const operation = operations.length === 1 ? operations[0] : operations.find((o) => o.name?.value === operationName);
    const analysis: DocumentAnalysis = {
      ...measured,
      introspection: false,
      mutationFields: [],
      firsts: [],
      staticCost: undefined,
      costTree: [],
    };
    if (operation) {
      const rootType = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'query' ? schema.getQueryType() : schema.getSubscriptionType();
      const defaults = new Map<string, number | undefined>();
      for (const v of operation.variableDefinitions ?? []) {
        const value = v.defaultValue ? valueFromASTUntyped(v.defaultValue) : undefined;
        defaults.set(v.variable.name.value, typeof value === 'number' ? value : undefined);
      }
      const ctx = { schema, fragments, defaults, analysis, listSize: this.listSize, visiting: new Set<string>() };
      if (operation.operation === 'mutation') analysis.mutationFields = collectFields(operation.selectionSet, fragments).map((f) => f.name.value);
      if (rootType) analysis.costTree = costNodes(ctx, rootType, operation.selectionSet);
      analysis.staticCost = analysis.firsts.some((f) => 'variable' in f) ? undefined : totalCost(analysis.costTree, {});
    }
    this.analyses.set(document, analysis);
    return analysis;
  }
}

/** Fields of a selection set with fragments inlined (one level). */
function collectFields(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen = new Set<string>()): FieldNode[] {
  const out: FieldNode[] = [];
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) out.push(s);
    else if (s.kind === Kind.INLINE_FRAGMENT) out.push(...collectFields(s.selectionSet, fragments, seen));
    else if (!seen.has(s.name.value)) {
      seen.add(s.name.value);
      const f = fragments.get(s.name.value);
      if (f) out.push(...collectFields(f.selectionSet, fragments, seen));
    }
  }
  return out;
}

interface CostContext {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  defaults: Map<string, number | undefined>;
  analysis: DocumentAnalysis;
  listSize: number;
  visiting: Set<string>;
}

function fieldDef(type: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  return isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
}

function costNodes(ctx: CostContext, parent: GraphQLCompositeType, set: SelectionSetNode): CostNode[] {
  const nodes: CostNode[] = [];
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) {
      const name = s.name.value;
      if (name === '__schema' || name === '__type') ctx.analysis.introspection = true;
      if (name.startsWith('__')) {
        nodes.push({ factor: 1, children: [] });
        continue;
      }
      const def = fieldDef(parent, name);
      let factor: FirstValue | number = 1;
      const firstArg = s.arguments?.find((a) => a.name.value === 'first');
      const firstDef = def?.args.find((a) => a.name === 'first');
      if (firstArg) {
        if (firstArg.value.kind === Kind.VARIABLE) {
          const variable = firstArg.value.name.value;
          const fallback = ctx.defaults.get(variable) ?? (typeof firstDef?.defaultValue === 'number' ? firstDef.defaultValue : undefined);
          factor = { variable, fallback };
        } else {
          const v = valueFromASTUntyped(firstArg.value);
          factor = { literal: typeof v === 'number' ? v : 0 };
        }
        ctx.analysis.firsts.push(factor);
      } else if (firstDef && typeof firstDef.defaultValue === 'number') {
        factor = firstDef.defaultValue;
      } else if (def && isListType(getNullableType(def.type)) && name !== 'nodes' && name !== 'edges') {
        // `nodes`/`edges` of a connection are already counted by the connection's `first`.
        factor = ctx.listSize;
      }
      const returned = def ? getNamedType(def.type) : undefined;
      const children = s.selectionSet && returned && isCompositeType(returned) ? costNodes(ctx, returned, s.selectionSet) : [];
      nodes.push({ factor, children });
    } else if (s.kind === Kind.INLINE_FRAGMENT) {
      const type = s.typeCondition ? (ctx.schema.getType(s.typeCondition.name.value) as GraphQLCompositeType | undefined) : parent;
      nodes.push({ factor: 0, children: costNodes(ctx, type ?? parent, s.selectionSet) });
    } else {
      const fragment = ctx.fragments.get(s.name.value);
      if (!fragment || ctx.visiting.has(s.name.value)) continue;
      ctx.visiting.add(s.name.value);
      const type = (ctx.schema.getType(fragment.typeCondition.name.value) as GraphQLCompositeType | undefined) ?? parent;
      nodes.push({ factor: 0, children: costNodes(ctx, type, fragment.selectionSet) });
      ctx.visiting.delete(s.name.value);
    }
  }
  return nodes;
}

/** The `first` value of one argument for these variables (0 when absent or not a number). */
export function firstValue(f: FirstValue, variables: Record<string, unknown>): number {
  if ('literal' in f) return f.literal;
  const v = variables[f.variable];
  return typeof v === 'number' ? v : (f.fallback ?? 0);
}

function factorValue(f: FirstValue | number, variables: Record<string, unknown>): number {
  return typeof f === 'number' ? f : Math.max(firstValue(f, variables), 1);
}

/**
 * Cost of the operation: every field counts 1, and everything below a list counts once per
 * requested item (`first`, or COST_LIST_SIZE for lists without it). Fragments (factor 0) add
 * their fields at the level where they are spread.
 */
export function totalCost(nodes: CostNode[], variables: Record<string, unknown>): number {
  let sum = 0;
  for (const n of nodes) {
    if (n.factor === 0) {
      sum += totalCost(n.children, variables);
      continue;
    }
    sum += 1 + factorValue(n.factor, variables) * totalCost(n.children, variables);
    if (sum > NO_LIMIT) return NO_LIMIT;
  }
  return sum;
}

/** The cost of this request (static when no `first` depends on a variable). */
export function costOf(analysis: DocumentAnalysis, variables: Record<string, unknown> | undefined): number {
  return analysis.staticCost ?? totalCost(analysis.costTree, variables ?? {});
}
