/**
 * The app's own updates (update.*, declared with the shell's procedures in src-shared/bridge.ts).
 * The updater itself runs only in Electron (src-main/app/updater.ts over controller.ts); the core
 * is handed it once it runs, and answers 'disabled' until then and in the browser preview.
 */
import type { shellProcedures, UpdateViewPayload } from '../../src-shared/bridge';
import type { HandlersOf } from '../ipc/router';

/** What the core needs of the app's updater (src-main/app/updater.ts); absent in the preview. */
export interface UpdatesPort {
  view(): UpdateViewPayload;
  restartNow(): void;
}

const UPDATES_DISABLED: UpdateViewPayload = {
  status: 'disabled',
  version: null,
  percent: null,
  canRestart: false,
  restartRequested: false,
  blockers: [],
};

type UpdateProcedures = Pick<typeof shellProcedures, 'update.get' | 'update.restartNow'>;

export function updateHandlers(updates: () => UpdatesPort | null): HandlersOf<UpdateProcedures> {
  return {
    'update.get': () => updates()?.view() ?? UPDATES_DISABLED,
    'update.restartNow': () => {
      updates()?.restartNow();
      return updates()?.view() ?? UPDATES_DISABLED;
    },
  };
}
