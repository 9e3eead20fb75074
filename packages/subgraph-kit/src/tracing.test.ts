import { context, propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { recordingSpan, startTracing, traceFields, tracer, withTraceHeaders } from './tracing';

// Without an exporter no span is recorded, but traces are carried on as with the SDK's sampler off:
// the caller's trace id (or a new one), a new span id per span, "not sampled" passed on.

beforeAll(() => {
  expect(startTracing({ service: 'test' })).toMatchObject({ recording: false });
});

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';

test('a span continues the caller’s trace, with its own span id, unsampled, recording nothing', async () => {
  const parent = propagation.extract(ROOT_CONTEXT, { traceparent: `00-${TRACE}-00f067aa0ba902b7-01` });
  const seen = await tracer().startActiveSpan('work', {}, parent, async (span) => {
    await new Promise((r) => setTimeout(r, 1));
    const headers = withTraceHeaders({});
    span.end();
    return { span, active: trace.getActiveSpan(), fields: traceFields(), headers, recording: recordingSpan() };
  });
  expect(seen.active).toBe(seen.span);
  expect(seen.span.isRecording()).toBe(false);
  expect(seen.recording).toBeUndefined();
  expect(seen.fields).toEqual({ traceId: TRACE });
  const [, traceId, spanId, flags] = seen.headers.traceparent.split('-');
  expect({ traceId, flags }).toEqual({ traceId: TRACE, flags: '00' });
  expect(spanId).toMatch(/^[0-9a-f]{16}$/);
  expect(spanId).not.toBe('00f067aa0ba902b7');
});

test('without a caller’s trace each span starts a new one; outside any span there is none', () => {
  const a = tracer().startSpan('a').spanContext();
  const b = tracer().startSpan('b').spanContext();
  for (const s of [a, b]) {
    expect(s.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(s.spanId).toMatch(/^[0-9a-f]{16}$/);
  }
  expect(a.traceId).not.toBe(b.traceId);
  expect(context.with(ROOT_CONTEXT, traceFields)).toEqual({});
  const child = context.with(trace.setSpan(ROOT_CONTEXT, tracer().startSpan('p')), () => tracer().startSpan('c', { root: true }).spanContext());
  expect(child.traceId).not.toBe(a.traceId);
});
