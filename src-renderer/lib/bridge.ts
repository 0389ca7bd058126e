/**
 * The renderer's one way to reach the main process. In Electron the preload exposes
 * `window.portal`; in the browser preview (development and tests) there is no preload, so the
 * same surface is built over HTTP to the preview host, with the per-run token the host wrote
 * into index.html. Both speak the contract of src-shared/bridge.ts.
 */
import { EVENT_NAMES } from '../../src-shared/bridge-channels';
import type { EventName, EventPayload, PortalBridge, ProcedureInput, ProcedureName, ProcedureOutput } from '../../src-shared/bridge';
import type { BridgeResult, PortalErrorShape } from '../../src-shared/errors';
import { createPreviewTransport } from './preview-transport';

declare global {
  interface Window {
    portal?: PortalBridge;
  }
}

/** Rejected by `call` when main answers an error; `code` keys the i18n message. */
export class BridgeError extends Error {
  readonly shape: PortalErrorShape;
  constructor(shape: PortalErrorShape) {
    super(shape.code);
    this.name = 'BridgeError';
    this.shape = shape;
  }
  get code() {
    return this.shape.code;
  }
}

function previewToken(): string {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="portal-preview-token"]');
  return meta?.content ?? '';
}

function createPreviewBridge(): PortalBridge {
  const token = previewToken();
  const send = createPreviewTransport(token);
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;

  function ensureEventSource() {
    if (source) return;
    source = new EventSource(`./events?token=${encodeURIComponent(token)}`);
    for (const name of EVENT_NAMES) {
      source.addEventListener(name, (event) => {
        const payload = JSON.parse((event as MessageEvent<string>).data) as unknown;
        for (const listener of listeners.get(name) ?? []) listener(payload);
      });
    }
  }

  return {
    invoke<P extends ProcedureName>(name: P, input: ProcedureInput<P>) {
      return send(name, input) as Promise<BridgeResult<ProcedureOutput<P>>>;
    },
    on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void) {
      ensureEventSource();
      const set = listeners.get(name) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(name, set);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  };
}

export const portal: PortalBridge = window.portal ?? createPreviewBridge();
export const isPreview = window.portal === undefined;

/** Calls a procedure; resolves with its output or rejects with a BridgeError. */
export async function call<P extends ProcedureName>(
  name: P,
  ...args: Record<string, never> extends ProcedureInput<P> ? [input?: ProcedureInput<P>] : [input: ProcedureInput<P>]
): Promise<ProcedureOutput<P>> {
  const result = await portal.invoke(name, (args[0] ?? {}) as ProcedureInput<P>);
  if (!result.ok) throw new BridgeError(result.error);
  return result.value;
}
