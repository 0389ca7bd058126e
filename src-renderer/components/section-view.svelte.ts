/**
 * One section's view model, read from main (the local cache, so it works offline), and read
 * again whenever the sync state changes: a write that was 'pending' shows as sent, a refusal
 * shows at once. A failed reload keeps what is already on screen.
 */
import type { PortalErrorShape } from '../../src-shared/errors';
import { toErrorShape } from '../lib/form.svelte';

export class SectionView<T> {
  data = $state<T | null>(null);
  error = $state<PortalErrorShape | null>(null);
  #read: () => Promise<T>;

  constructor(read: () => Promise<T>) {
    this.#read = read;
  }

  load = async (): Promise<void> => {
    try {
      this.data = await this.#read();
      this.error = null;
    } catch (caught) {
      if (this.data === null) this.error = toErrorShape(caught);
    }
  };

  retry = (): void => {
    this.error = null;
    void this.load();
  };
}
