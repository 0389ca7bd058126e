/**
 * A form's state: busy, the error summary and each field's message, from the documented error
 * shape. Nothing the user typed lives here, so an error never clears a field. After a failed
 * submit, focus goes to the summary (role="alert"), whose links lead to the fields.
 */
import { tick } from 'svelte';
import type { z } from 'zod';
import { toFieldErrors } from '../../../../src-shared/validation/field-errors';
import { ApiFailure, type FieldProblem } from './api';
import { fieldMessage, i18n, t, tr } from './i18n.svelte';

export class FormState {
  busy = $state(false);
  summary = $state<string | null>(null);
  fields = $state<Record<string, string>>({});
  /** Set by the summary component, so a failure can move focus to it. */
  summaryElement: HTMLElement | null = null;

  /** The message beside the field at `path` ("comment", "residenceIds.0"…). */
  field(path: string): string | undefined {
    return this.fields[path];
  }

  reset() {
    this.summary = null;
    this.fields = {};
  }

  /** Local checks before sending (e.g. a required comment): same display as the server's. */
  async fail(problems: FieldProblem[], summary?: string) {
    this.fields = Object.fromEntries(problems.map((problem) => [problem.path, fieldMessage(problem)]));
    this.summary = summary ?? t('errors.VALIDATION');
    await tick();
    this.summaryElement?.focus();
  }

  /**
   * The contract's own schema (src-shared/api/staff.ts) checked before sending, so a problem is
   * shown at once, worded like the server's; false (and the summary focused) when it fails.
   */
  async check(schema: z.ZodType, value: unknown, wording: Record<string, string> = {}): Promise<boolean> {
    const result = schema.safeParse(value);
    if (result.success) return true;
    // `wording`: a sentence of the console's own for a field whose schema message is not a key (the TOTP code).
    await this.fail(toFieldErrors(result.error.issues).map(({ path, message: key, params }) => ({ path, key, params, message: wording[path] ?? tr(key, t('fields.invalid'), params) })));
    return false;
  }

  /** Runs `action`; an ApiFailure fills the summary and the fields, anything else says so. */
  async run<T>(action: () => Promise<T>): Promise<T | undefined> {
    this.busy = true;
    this.reset();
    try {
      return await action();
    } catch (error) {
      if (error instanceof ApiFailure) {
        // Body fields come without prefix; query fields keep "querystring." which no input names.
        const problems = error.fields.map((problem) => ({ ...problem, path: problem.path.replace(/^body\./, '') }));
        await this.fail(problems, errorText(error));
      } else {
        await this.fail([], t('errors.INTERNAL'));
      }
      return undefined;
    } finally {
      this.busy = false;
    }
  }
}

/** The summary sentence of a failure in the current language (the server's French as fallback). */
export function errorText(error: unknown): string {
  if (!(error instanceof ApiFailure)) return t('errors.INTERNAL');
  if (error.code === 'THROTTLED' && error.retryAfter) return t('errors.THROTTLED_FOR', { minutes: Math.max(1, Math.ceil(error.retryAfter / 60)) });
  // The server words its own refusals in French (a conflict says which); English uses the code's sentence.
  if (i18n.locale === 'fr' && error.message && error.code !== 'OFFLINE') return error.message;
  return tr(`errors.${error.code}`, error.message || t('errors.INTERNAL'));
}
