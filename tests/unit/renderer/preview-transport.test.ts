/**
 * The browser preview's transport (issue 17): the calls made in one tick go to the host as one
 * POST to ./rpc-batch and each caller gets its own answer, in whatever order the host streams
 * them; a call alone keeps its ./rpc/<name> POST. A fake fetch stands in for the host.
 */
import { describe, expect, it } from 'vitest';
import { PREVIEW_BATCH_MAX_CALLS } from '../../../src-shared/bridge-channels';
import { createPreviewTransport } from '../../../src-renderer/lib/preview-transport';

interface Posted {
  path: string;
  token: string;
  body: unknown;
}

/** A host that answers a batch's lines in the order given by `order` (indexes), each as its own chunk. */
function fakeHost(answer: (name: string, input: unknown) => unknown, options: { order?: (count: number) => number[] } = {}) {
  const posted: Posted[] = [];
  const fetchImpl = async (path: string, init: RequestInit) => {
    const body = JSON.parse(String(init.body)) as unknown;
    posted.push({ path, token: (init.headers as Record<string, string>)['x-portal-token']!, body });
    if (path !== './rpc-batch') return new Response(JSON.stringify(answer(path.slice('./rpc/'.length), body)));
    const entries = body as { name: string; input: unknown }[];
    const order = options.order?.(entries.length) ?? entries.map((_, index) => index);
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const index of order) {
          const line = `${JSON.stringify([index, answer(entries[index]!.name, entries[index]!.input)])}\n`;
          // Split inside a line too: the transport must join chunks before it parses.
          controller.enqueue(encoder.encode(line.slice(0, 5)));
          controller.enqueue(encoder.encode(line.slice(5)));
        }
        controller.close();
      },
    });
    return new Response(stream, { headers: { 'content-type': 'application/x-ndjson' } });
  };
  return { posted, fetchImpl };
}

const echo = (name: string, input: unknown) => ({ ok: true, value: { name, input } });

describe('the browser preview transport (issue 17)', () => {
  it('sends the calls of one tick as one batch and answers each caller with its own result', async () => {
    const host = fakeHost(echo, { order: (count) => [...Array(count).keys()].reverse() });
    const send = createPreviewTransport('the-token', host.fetchImpl);
    const answers = await Promise.all([send('branding.get', {}), send('settings.get', undefined), send('home.get', { a: 1 })]);
    expect(host.posted).toEqual([
      {
        path: './rpc-batch',
        token: 'the-token',
        body: [
          { name: 'branding.get', input: {} },
          { name: 'settings.get', input: {} },
          { name: 'home.get', input: { a: 1 } },
        ],
      },
    ]);
    expect(answers).toEqual([echo('branding.get', {}), echo('settings.get', {}), echo('home.get', { a: 1 })]);
  });

  it('sends a call alone in its tick, or a large one, to ./rpc/<name>', async () => {
    const host = fakeHost(echo);
    const send = createPreviewTransport('t', host.fetchImpl);
    expect(await send('app.info', {})).toEqual(echo('app.info', {}));
    const large = { content: 'x'.repeat(300 * 1024) };
    const [big, small] = await Promise.all([send('documents.upload', large), send('sync.get', {})]);
    expect(big).toEqual(echo('documents.upload', large));
    expect(small).toEqual(echo('sync.get', {}));
    expect(host.posted.map((post) => post.path)).toEqual(['./rpc/app.info', './rpc/documents.upload', './rpc/sync.get']);
  });

  it('splits more calls than a batch may hold into several batches', async () => {
    const host = fakeHost(echo);
    const send = createPreviewTransport('t', host.fetchImpl);
    const count = PREVIEW_BATCH_MAX_CALLS + 3;
    const answers = await Promise.all(Array.from({ length: count }, (_, index) => send('sync.get', { index })));
    expect(answers.map((answer) => (answer as { value: { input: { index: number } } }).value.input.index)).toEqual([...Array(count).keys()]);
    expect(host.posted.map((post) => (post.body as unknown[]).length)).toEqual([PREVIEW_BATCH_MAX_CALLS, 3]);
  });

  it('gives each call a refusal of the whole batch, and INTERNAL when the host is gone or leaves one unanswered', async () => {
    const refused = createPreviewTransport('wrong', async () =>
      new Response(JSON.stringify({ ok: false, error: { code: 'FORBIDDEN_ORIGIN' } }), { status: 403 }),
    );
    expect(await Promise.all([refused('a.b', {}), refused('c.d', {})])).toEqual([
      { ok: false, error: { code: 'FORBIDDEN_ORIGIN' } },
      { ok: false, error: { code: 'FORBIDDEN_ORIGIN' } },
    ]);
    const gone = createPreviewTransport('t', () => Promise.reject(new TypeError('Failed to fetch')));
    expect(await Promise.all([gone('a.b', {}), gone('c.d', {})])).toEqual([
      { ok: false, error: { code: 'INTERNAL' } },
      { ok: false, error: { code: 'INTERNAL' } },
    ]);
    // The stream ends after the second call's line: the first is told the host failed.
    const partial = fakeHost(echo, { order: () => [1] });
    const send = createPreviewTransport('t', partial.fetchImpl);
    expect(await Promise.all([send('a.b', {}), send('c.d', {})])).toEqual([{ ok: false, error: { code: 'INTERNAL' } }, echo('c.d', {})]);
  });
});
