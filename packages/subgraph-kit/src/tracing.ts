import { randomFillSync } from 'node:crypto';
import {
  context,
  isSpanContextValid,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  TraceFlags,
  type Context,
  type Span,
  type SpanOptions,
  type Tracer,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import type * as OtlpHttp from '@opentelemetry/exporter-trace-otlp-http';
import type * as Resources from '@opentelemetry/resources';
import type * as SdkBase from '@opentelemetry/sdk-trace-base';
import type { InMemorySpanExporter, SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type * as SdkNode from '@opentelemetry/sdk-trace-node';

// OpenTelemetry tracing of the graph: the gateway starts a trace or continues the client's W3C
// `traceparent`, passes it on every subgraph fetch, and subgraphs add spans for their resolvers and
// SQL statements. Log lines carry the trace id (createLogger's mixin). Without an exporter traces
// are still started and passed on (ids in logs, `traceparent` to subgraphs) but nothing is recorded
// (sampler off), so they cost next to nothing; OTEL_EXPORTER_OTLP_ENDPOINT turns recording and
// export on (OTLP over HTTP, e.g. `http://collector:4318`).

export interface TracingOptions {
  /** `service.name` of the spans (`gateway`, `partners`, …). */
  service: string;
  /** OTLP/HTTP base URL; spans go to `<endpoint>/v1/traces`. */
  endpoint?: string;
  /** Another exporter (tests: an in-memory one); spans are then exported one by one. */
  exporter?: SpanExporter;
}

export interface Tracing {
  /** Sends what is still buffered. */
  flush(): Promise<void>;
  /** Sends what is still buffered and stops. */
  shutdown(): Promise<void>;
}

let started: (Tracing & { recording: boolean }) | undefined;

/**
 * Registers the process's tracer (once; later calls return the first): W3C trace context, spans
 * kept per async call chain, recording and export only with an endpoint or exporter.
 */
export function startTracing(o: TracingOptions): Tracing {
  if (started) return started;
  if (!o.exporter && !o.endpoint) {
    passTracesOn();
    started = { recording: false, flush: async () => undefined, shutdown: async () => undefined };
    return started;
  }
  // The SDK (~4 MiB resident per process) only when spans are recorded.
  /* eslint-disable @typescript-eslint/no-require-imports -- lazy on purpose (see above) */
  const { AlwaysOnSampler, BatchSpanProcessor, ParentBasedSampler, SimpleSpanProcessor } = require('@opentelemetry/sdk-trace-base') as typeof SdkBase;
  const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node') as typeof SdkNode;
  const { resourceFromAttributes } = require('@opentelemetry/resources') as typeof Resources;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const processors: SpanProcessor[] = [];
  if (o.exporter) processors.push(new SimpleSpanProcessor(o.exporter));
  if (o.endpoint) {
    // Loaded only when traces are exported: the OTLP exporter brings the metrics and logs SDKs along
    // (~6 MiB resident in every process that would never use them).
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy on purpose (see above)
    const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof OtlpHttp;
    processors.push(new BatchSpanProcessor(new OTLPTraceExporter({ url: new URL('v1/traces', o.endpoint.endsWith('/') ? o.endpoint : `${o.endpoint}/`).toString() })));
  }
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': o.service }),
    // Follow the caller's decision when it sent one; record everything we start ourselves.
    sampler: new ParentBasedSampler({ root: new AlwaysOnSampler() }),
    spanProcessors: processors,
  });
  provider.register();
  started = { recording: true, flush: () => provider.forceFlush(), shutdown: () => provider.shutdown() };
  return started;
}

/** Random bytes for span and trace ids, drawn from a pool (one system call per 256 ids). */
const idBytes = Buffer.alloc(4096);
let idOffset = idBytes.length;
function randomHex(bytes: number): string {
  if (idOffset + bytes > idBytes.length) {
    randomFillSync(idBytes);
    idOffset = 0;
  }
  const hex = idBytes.toString('hex', idOffset, idOffset + bytes);
  idOffset += bytes;
  return hex;
}

/**
 * Spans that record nothing but carry the trace on, as the SDK's with its sampler off: the caller's
 * trace id (else a new one), a new span id, not sampled.
 */
class PassOnTracer implements Tracer {
  startSpan(_name: string, options?: SpanOptions, ctx: Context = context.active()): Span {
    const parent = options?.root ? undefined : trace.getSpanContext(ctx);
    const valid = parent && isSpanContextValid(parent);
    return trace.wrapSpanContext({
      traceId: valid ? parent.traceId : randomHex(16),
      spanId: randomHex(8),
      traceFlags: TraceFlags.NONE,
      traceState: valid ? parent.traceState : undefined,
    });
  }

  startActiveSpan<F extends (span: Span) => unknown>(name: string, ...args: unknown[]): ReturnType<F> {
    // (name, fn), (name, options, fn) or (name, options, context, fn)
    const fn = args[args.length - 1] as F;
    const options = args.length >= 2 ? (args[0] as SpanOptions | undefined) : undefined;
    const parent = args.length >= 3 ? ((args[1] as Context | undefined) ?? context.active()) : context.active();
    const span = this.startSpan(name, options, parent);
    return context.with(trace.setSpan(parent, span), fn as (s: Span) => ReturnType<F>, undefined, span);
  }
}

/**
 * Without recording: W3C trace context and baggage, spans kept per async call chain, and the
 * pass-on tracer — what the SDK's provider registers, without loading the SDK.
 */
function passTracesOn(): void {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }));
  const tracer = new PassOnTracer();
  trace.setGlobalTracerProvider({ getTracer: () => tracer });
}

/** The kit's tracer (spans of HTTP requests, resolvers, SQL). */
export function tracer(): Tracer {
  return trace.getTracer('@mitgen/subgraph-kit');
}

/** `{ traceId }` of the span running now, for log lines; empty outside a trace. */
export function traceFields(): { traceId?: string } {
  const sc = trace.getSpanContext(context.active());
  return sc && isSpanContextValid(sc) ? { traceId: sc.traceId } : {};
}

/** Whether the work running now belongs to a recorded span (then children are worth making). */
export function recordingSpan(): Span | undefined {
  // Started without recording, no span ever records: skip the context look-up (runs per field and statement).
  if (started && !started.recording) return undefined;
  const span = trace.getActiveSpan();
  return span?.isRecording() ? span : undefined;
}

interface TracedResponse {
  statusCode: number;
  locals: Record<string, unknown>;
  once(event: 'finish' | 'close', fn: () => void): unknown;
}

/**
 * Express middleware: the request's SERVER span, child of the caller's `traceparent` if it sent one;
 * the rest of the request runs in its context. Mount it first; after body parsers mount
 * `continueTrace()` (they call on outside the context).
 */
export function traceRequests(service: string) {
  return (req: { method: string; path: string; headers: Record<string, string | string[] | undefined> }, res: TracedResponse, next: () => void): void => {
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const span = tracer().startSpan(`${req.method} ${req.path}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method, 'url.path': req.path, 'mitgen.service': service } }, parent);
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    };
    res.once('finish', end);
    res.once('close', end);
    const ctx = trace.setSpan(parent, span);
    res.locals.traceContext = ctx;
    context.with(ctx, next);
  };
}

/** Re-enters the request's trace after a body parser (see traceRequests). */
export function continueTrace() {
  return (_req: unknown, res: { locals: Record<string, unknown> }, next: () => void): void => {
    const ctx = res.locals.traceContext as Context | undefined;
    if (ctx) context.with(ctx, next);
    else next();
  };
}

/** Headers with the current trace context (`traceparent`) added, for an outgoing request. */
export function withTraceHeaders(headers: Record<string, string>): Record<string, string> {
  propagation.inject(context.active(), headers);
  return headers;
}

/**
 * Runs `fn` in a child span `name` when the current trace is recorded (else just runs it); the span
 * ends when the result settles and records a thrown error.
 */
export function inSpan<T>(name: string, attributes: Record<string, string | number>, fn: () => T, kind: SpanKind = SpanKind.INTERNAL): T {
  if (!recordingSpan()) return fn();
  return tracer().startActiveSpan(name, { kind, attributes }, (span) => {
    const fail = (e: unknown) => {
      span.recordException(e as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (e as Error)?.message });
      span.end();
    };
    try {
      const result = fn();
      if (result && typeof (result as { then?: unknown }).then === 'function') {
        return (result as unknown as Promise<unknown>).then(
          (v) => {
            span.end();
            return v;
          },
          (e) => {
            fail(e);
            throw e;
          },
        ) as T;
      }
      span.end();
      return result;
    } catch (e) {
      fail(e);
      throw e;
    }
  });
}

export { SpanKind };

/** A span exporter that keeps finished spans in memory (tests read them: `startTracing({ exporter })`). */
export function inMemorySpanExporter(): InMemorySpanExporter {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the SDK loads only where spans are recorded
  return new (require('@opentelemetry/sdk-trace-base') as typeof SdkBase).InMemorySpanExporter();
}
