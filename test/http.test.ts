// The HTTP skeleton and the WebSocket endpoint of one hub node.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { HubNode } from '../hub/node.js';
import { startTestHub } from './support/hub.js';

describe('hub node HTTP', () => {
  let hub: HubNode;
  beforeAll(async () => {
    hub = await startTestHub({ server: { maxBodyBytes: 4096 } });
  });
  afterAll(() => hub.shutdown());

  it('answers /healthz while alive', async () => {
    const res = await fetch(`${hub.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'alive', node: hub.nodeId });
  });

  it('serves Prometheus metrics: process metrics and our own', async () => {
    await fetch(`${hub.url}/healthz`);
    const res = await fetch(`${hub.url}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/^hubbub_process_cpu_seconds_total [0-9.e+-]+$/m);
    expect(text).toMatch(/^hubbub_http_requests_total\{route="\/healthz",method="get",status="200"\} [1-9]/m);
    expect(text).toMatch(/^hubbub_build_info\{version="[^"]+",node_version="v[0-9.]+"\} 1$/m);
  });

  it('answers unknown routes with the one error shape, carrying the correlation id', async () => {
    const res = await fetch(`${hub.url}/no/such/route`, {
      headers: { 'x-request-id': 'req-from-client-123' },
    });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-request-id')).toBe('req-from-client-123');
    expect(await res.json()).toEqual({
      error: { code: 'not_found', message: 'Not found.', requestId: 'req-from-client-123' },
    });
  });

  it('replaces a malformed correlation id with a fresh one', async () => {
    const res = await fetch(`${hub.url}/healthz`, { headers: { 'x-request-id': 'bad id <script>' } });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a body over the configured size with 413, declared or streamed', async () => {
    const big = 'x'.repeat(5000);
    const declared = await fetch(`${hub.url}/anything`, { method: 'POST', body: big });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ error: { code: 'payload_too_large' } });

    const chunked = await fetch(`${hub.url}/anything`, {
      method: 'POST',
      body: new ReadableStream({
        start(c) {
          c.enqueue(new TextEncoder().encode(big));
          c.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
  });

  it('greets a WebSocket client, answers ping before connect, and refuses garbage with a coded error', async () => {
    const ws = new WebSocket(`${hub.url.replace('http', 'ws')}/ws`);
    const frames: Record<string, unknown>[] = [];
    const next = () =>
      new Promise<Record<string, unknown>>((resolve) => {
        const poll = () =>
          frames.length ? resolve(frames.shift() as Record<string, unknown>) : setTimeout(poll, 5);
        poll();
      });
    ws.on('message', (data: Buffer) => frames.push(JSON.parse(data.toString()) as Record<string, unknown>));
    expect(await next()).toMatchObject({ type: 'hello', v: 1, node: hub.nodeId });
    ws.send(JSON.stringify({ type: 'ping', id: 7 }));
    expect(await next()).toEqual({ type: 'reply', id: 7, result: {} });
    ws.send('{not json');
    expect(await next()).toMatchObject({ type: 'error', error: { code: 'bad_request' } });
    ws.close();
  });
});

describe('hub node HTTP, malformed paths', () => {
  it('answers a path parameter with a broken percent-escape with 400, and keeps running', async () => {
    const hub = await startTestHub();
    try {
      const res = await fetch(`${hub.url}/api/v1/communities/by-slug/%E0%A4%A`, {
        headers: { authorization: 'Bearer x' },
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'bad_request' } });
      expect((await fetch(`${hub.url}/healthz`)).status).toBe(200);
    } finally {
      await hub.shutdown();
    }
  });
});
