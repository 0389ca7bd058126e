/**
 * Form errors, whether found here before sending (with the contract's own zod schema, so the
 * renderer and main apply exactly the same rules) or answered by main as VALIDATION.
 * Messages stay as keys until rendered, so a language switch re-translates them.
 */
import type { z } from 'zod';
import type { FieldError, PortalErrorShape } from '../../src-shared/errors';
import { toFieldErrors } from '../../src-shared/validation/field-errors';
import { fieldMessage } from '../i18n/index.svelte';
import { BridgeError } from './bridge';

export type FieldMessages = Record<string, string>;

/**
 * The contract's schemas, loaded on demand: zod is the largest library we have, and the first
 * screen must not wait for it. App preloads it at the first key or pointer press.
 */
export type Contract = typeof import('../../src-shared/bridge');
let contract: Promise<Contract> | null = null;
export function loadContract(): Promise<Contract> {
  contract ??= import('../../src-shared/bridge');
  return contract;
}

/** The first problem of each field, by dotted path. */
export function fieldProblems(error: PortalErrorShape | null): Record<string, FieldError> {
  const byPath: Record<string, FieldError> = {};
  for (const field of error?.fields ?? []) {
    if (!(field.path in byPath)) byPath[field.path] = field;
  }
  return byPath;
}

/** The first problem's message key of each field, by dotted path. */
export function fieldMessages(error: PortalErrorShape | null): FieldMessages {
  return Object.fromEntries(Object.entries(fieldProblems(error)).map(([path, field]) => [path, field.message]));
}

/** The problem of a field as worded for the tenant (its params filled; the server's French sentence for a key this build does not know). */
export function wordProblem(field: FieldError): string {
  return fieldMessage(field.message, field.params, field.fallback);
}

/**
 * Checks `input` with `schema`: null when it passes, else the VALIDATION error main would answer.
 * `found` are problems the form saw itself (a file refused on selection, so not in the input):
 * they replace the schema's word on the same field ("trop volumineux", not "obligatoire").
 */
export function validate(schema: z.ZodType, input: unknown, found: readonly FieldError[] = []): PortalErrorShape | null {
  const result = schema.safeParse(input);
  if (result.success && found.length === 0) return null;
  const covered = (path: string) => found.some((problem) => path === problem.path || path.startsWith(`${problem.path}.`));
  const fromSchema = result.success ? [] : toFieldErrors(result.error.issues).filter((field) => !covered(field.path));
  return { code: 'VALIDATION', fields: [...fromSchema, ...found] };
}

/** The error shape of anything a call rejected with. */
export function toErrorShape(error: unknown): PortalErrorShape {
  return error instanceof BridgeError ? error.shape : { code: 'INTERNAL' };
}

/** Focuses the summary after the DOM shows it. */
export function focusSoon(getElement: () => HTMLElement | null | undefined) {
  queueMicrotask(() => requestAnimationFrame(() => getElement()?.focus()));
}

/**
 * One form's submission state: checks the input with the contract's schema, sends it, and keeps
 * the error (focusing the summary) or calls `onDone`.
 */
export class FormState {
  busy = $state(false);
  error = $state<PortalErrorShape | null>(null);
  /** The ErrorSummary element (bind:element), focused when errors appear. */
  summary = $state<HTMLElement | null>(null);
  readonly messages = $derived(fieldMessages(this.error));
  readonly #problems = $derived(fieldProblems(this.error));

  /** The translated message of one field, or null. */
  message = (path: string): string | null => {
    const problem = this.#problems[path];
    return problem ? wordProblem(problem) : null;
  };

  /**
   * `send` gets the input as typed, not the schema's output: main validates it again with the
   * same schema, and some schemas transform (a birth date typed jj/mm/aaaa comes out ISO).
   * Once the schema accepted it, the input is of the schema's input type.
   */
  async submit<S extends z.ZodType>(
    pickSchema: (contract: Contract) => S,
    input: unknown,
    send: (input: z.input<S>) => Promise<void>,
    options: { focusErrors?: (error: PortalErrorShape) => boolean; found?: () => FieldError[] } = {},
  ): Promise<boolean> {
    if (this.busy) return false;
    const invalid = validate(pickSchema(await loadContract()), input, options.found?.());
    if (invalid) {
      this.error = invalid;
      focusSoon(() => this.summary);
      return false;
    }
    this.busy = true;
    this.error = null;
    try {
      await send($state.snapshot(input) as z.input<S>);
      return true;
    } catch (caught) {
      this.error = toErrorShape(caught);
      if (options.focusErrors?.(this.error) ?? true) focusSoon(() => this.summary);
      return false;
    } finally {
      this.busy = false;
    }
  }
}

/** Moves focus to the page's h1 (after a form is replaced by its confirmation). */
export function focusPageTitle() {
  focusSoon(() => document.getElementById('page-title'));
}
