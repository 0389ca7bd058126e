/**
 * The step state the two write wizards share (MON ASSURANCE, the RIB change): step 1 is the form,
 * checked with the contract's schema before step 2 reads it back; "VALIDER" queues the write and
 * step 3 says what became of it, or main's refusal (e.g. the file's content) sends the tenant back
 * to the form that shows it. Focus goes to the step's heading on every change.
 */
import type { z } from 'zod';
import type { FieldError } from '../../src-shared/errors';
import { focusSoon, FormState, type Contract } from '../lib/form.svelte';
import { navigate } from '../lib/router.svelte';

export interface WizardOptions<S extends z.ZodType> {
  /** The write's input schema, from the contract. */
  schema: (contract: Contract) => S;
  /** The input as typed (read at each check). */
  input: () => unknown;
  /** Problems the form found itself, not in the input (the file refused on selection). */
  found?: () => FieldError[];
  /** Queues the write; its id is what step 3 follows. */
  send: (value: z.input<S>) => Promise<{ id: string }>;
  /** The dossier a link chose: forgotten once the wizard is done or left. */
  target: { dossierId: string | null };
  /** Where "ANNULER" goes (a slug). */
  exitTo: string;
}

export class WizardState<S extends z.ZodType> {
  step = $state(1);
  /** The queued write's id, once "VALIDER" went through (step 3). */
  savedId = $state<string | null>(null);
  /** The step's heading (bind:this), focused on every step change. */
  heading = $state<HTMLElement | undefined>();
  readonly submission = new FormState();
  #options: WizardOptions<S>;

  constructor(options: WizardOptions<S>) {
    this.#options = options;
  }

  goTo = (next: number): void => {
    this.step = next;
    focusSoon(() => this.heading);
  };

  /** Step 1 -> 2: the input is checked here, nothing is sent yet. */
  toCheck = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const ok = await this.submission.submit(this.#options.schema, this.#options.input(), async () => {}, { found: this.#options.found });
    if (ok) this.goTo(2);
  };

  /** "VALIDER": sends the write, then step 3; main's refusal goes back to step 1 and its summary. */
  validate = async (): Promise<void> => {
    let id: string | null = null;
    const ok = await this.submission.submit(
      this.#options.schema,
      this.#options.input(),
      async (value) => {
        id = (await this.#options.send(value)).id;
      },
      { focusErrors: () => false, found: this.#options.found },
    );
    if (ok && id) {
      this.savedId = id;
      this.#options.target.dossierId = null;
      this.goTo(3);
    } else if (this.submission.error) {
      this.goTo(1);
      focusSoon(() => this.submission.summary);
    }
  };

  cancel = (): void => {
    this.#options.target.dossierId = null;
    navigate(this.#options.exitTo);
  };
}
