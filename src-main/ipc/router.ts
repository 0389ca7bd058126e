/**
 * The main-process router: the one door from a renderer to the services. It is transport-free,
 * so Electron's IPC (src-main/app/ipc.ts) and the browser-preview host (src-main/host) both hand it
 * the same three things: the procedure name, the raw input and where the call came from.
 *
 * Every call is checked in this order, and nothing past a failed check runs:
 *   origin (the app's own page only) -> procedure name (in the contract) -> input (zod) ->
 *   handler -> output (zod, so a service bug cannot leak extra fields to the page).
 * Failures come back as typed errors; exceptions and stack traces stay in main's log.
 */
import type { z } from 'zod';
import { controlCharacterPath } from '../../src-shared/validation/control-characters';
import { toFieldErrors } from '../../src-shared/validation/field-errors';
import { isProcedureName, procedures, type ProcedureName, type ProcedureOutput } from '../../src-shared/bridge';
import { PortalError, type BridgeResult, type PortalErrorShape } from '../../src-shared/errors';

/** What a handler receives: the input already parsed by the procedure's schema. */
export type ParsedInput<P extends ProcedureName> = z.output<(typeof procedures)[P]['input']>;

/**
 * The handlers of one group of procedures (an area's `<area>Procedures`): exactly one per
 * procedure, and none that is not in it (an object literal typed with it refuses extra keys).
 */
export type HandlersOf<Group> = {
  [P in keyof Group & ProcedureName]: (input: ParsedInput<P>) => Promise<ProcedureOutput<P>> | ProcedureOutput<P>;
};

/** Every procedure's handler (src-main/portal-core.ts merges the areas'). */
export type Handlers = HandlersOf<typeof procedures>;

export interface CallContext {
  /** Origin of the calling frame (Electron: senderFrame.origin; preview: the Origin header). */
  origin: string | null;
  /** False when the call comes from a subframe: only the top frame may call. */
  isMainFrame: boolean;
}

export interface RouterOptions {
  handlers: Handlers;
  /** Origins allowed to call, e.g. 'app://portal' or the preview's 'http://127.0.0.1:PORT'. */
  trustedOrigins: readonly string[];
  /** Where unexpected errors go (never to the renderer). */
  logError?: (message: string, error: unknown) => void;
}

export type Router = (name: unknown, input: unknown, context: CallContext) => Promise<BridgeResult<unknown>>;

function failure(error: PortalErrorShape): BridgeResult<never> {
  return { ok: false, error };
}

export function createRouter({ handlers, trustedOrigins, logError = console.error }: RouterOptions): Router {
  const trusted = new Set(trustedOrigins);

  return async function route(name, input, context) {
    if (!context.isMainFrame || context.origin === null || !trusted.has(context.origin)) {
      return failure({ code: 'FORBIDDEN_ORIGIN' });
    }
    if (!isProcedureName(name)) return failure({ code: 'UNKNOWN_PROCEDURE' });

    const definition = procedures[name];
    // An invisible control character in any text field is refused here, so such an item never
    // reaches the outbox (the server refuses it too).
    const pasted = controlCharacterPath(input);
    if (pasted !== null) return failure({ code: 'VALIDATION', fields: [{ path: pasted, message: 'fields.controlCharacter' }] });
    const parsed = definition.input.safeParse(input ?? {});
    if (!parsed.success) {
      return failure({ code: 'VALIDATION', fields: toFieldErrors(parsed.error.issues) });
    }

    try {
      const handler = handlers[name] as (input: unknown) => unknown;
      const output = await handler(parsed.data);
      const checked = definition.output.safeParse(output);
      if (!checked.success) {
        logError(`router: ${name} answered outside its contract`, checked.error);
        return failure({ code: 'INTERNAL' });
      }
      return { ok: true, value: checked.data };
    } catch (error) {
      if (error instanceof PortalError) return failure(error.toShape());
      logError(`router: ${name} failed`, error);
      return failure({ code: 'INTERNAL' });
    }
  };
}
