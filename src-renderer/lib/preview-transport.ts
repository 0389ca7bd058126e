/**
 * The browser preview's way to the preview host (src-main/host/preview-host.ts): HTTP POSTs
 * carrying the per-run token. Apart from bridge.ts so its batching is tested without a page.
 */
import { PREVIEW_BATCH_MAX_CALLS } from '../../src-shared/bridge-channels';
import type { BridgeResult } from '../../src-shared/errors';

/** What the preview host answers when it is gone: said the way main would for a lost server. */
const HOST_GONE: BridgeResult<never> = { ok: false, error: { code: 'INTERNAL' } };

/**
 * A call whose input serialises to more than this goes alone to `./rpc/<name>` (a document or a
 * photo being sent): a batch of PREVIEW_BATCH_MAX_CALLS small calls then stays far under the
 * host's body limit (16 MB), whatever else is in it.
 */
const ALONE_FROM_CHARS = 256 * 1024;

interface QueuedCall {
  name: string;
  body: string;
  resolve: (result: BridgeResult<unknown>) => void;
}

function isBridgeResult(value: unknown): value is BridgeResult<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

/** What `fetch` gives the transport (a test hands it its own). */
type Fetch = (path: string, init: RequestInit) => Promise<Pick<Response, 'ok' | 'body' | 'json'>>;

/**
 * The preview's transport. The calls made in one tick (the boot's seven: branding, settings,
 * session, sync, kiosk, version and the home page's early read) go out as ONE POST to
 * `./rpc-batch` (issue 17): seven POSTs queued on Chromium's six connections per host (one held
 * by the event stream) cost a second wave, and each its own request overhead, before the balance
 * could show. The host streams each call's answer as soon as it has it, one JSON line
 * `[index, result]`, so a slow call (a `sync.now` that waits for the server) never holds back
 * a quick one batched with it. A call alone in its tick keeps its `./rpc/<name>` POST.
 * Electron does not come here: its calls are IPC messages (src-preload).
 */
export function createPreviewTransport(token: string, fetchImpl: Fetch = (path, init) => fetch(path, init)) {
  let queue: QueuedCall[] = [];

  function post(path: string, body: string) {
    return fetchImpl(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-portal-token': token },
      body,
    });
  }

  async function sendAlone(call: QueuedCall) {
    try {
      const answer = (await (await post(`./rpc/${encodeURIComponent(call.name)}`, call.body)).json()) as unknown;
      call.resolve(isBridgeResult(answer) ? answer : HOST_GONE);
    } catch {
      call.resolve(HOST_GONE);
    }
  }

  async function sendBatch(calls: QueuedCall[]) {
    // The inputs are already JSON: spliced in as they are, not parsed and serialised again.
    const body = `[${calls.map((call) => `{"name":${JSON.stringify(call.name)},"input":${call.body}}`).join(',')}]`;
    try {
      const response = await post('./rpc-batch', body);
      if (!response.ok || !response.body) {
        // Refused as a whole (wrong token, core not loaded): each call gets that refusal.
        const refusal = (await response.json()) as unknown;
        for (const call of calls) call.resolve(isBridgeResult(refusal) ? refusal : HOST_GONE);
        return;
      }
      const lines = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let pending = '';
      for (let chunk = await lines.read(); !chunk.done; chunk = await lines.read()) {
        pending += chunk.value;
        for (let end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n')) {
          const [index, result] = JSON.parse(pending.slice(0, end)) as [number, unknown];
          pending = pending.slice(end + 1);
          if (isBridgeResult(result)) calls[index]?.resolve(result);
        }
      }
    } catch {
      // The host went away mid-answer: said below to every call still waiting.
    }
    // A promise settles once: only the calls the host did not answer take this.
    for (const call of calls) call.resolve(HOST_GONE);
  }

  function flush() {
    const calls = queue;
    queue = [];
    for (let start = 0; start < calls.length; start += PREVIEW_BATCH_MAX_CALLS) {
      const part = calls.slice(start, start + PREVIEW_BATCH_MAX_CALLS);
      void (part.length === 1 ? sendAlone(part[0]!) : sendBatch(part));
    }
  }

  return function send(name: string, input: unknown): Promise<BridgeResult<unknown>> {
    return new Promise((resolve) => {
      const call = { name, body: JSON.stringify(input ?? {}), resolve };
      if (call.body.length > ALONE_FROM_CHARS) return void sendAlone(call);
      queue.push(call);
      // Every call made before the current task's microtasks run joins this batch.
      if (queue.length === 1) queueMicrotask(flush);
    });
  };
}
