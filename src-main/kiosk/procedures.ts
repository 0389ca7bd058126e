/** Kiosk mode (kiosk.*): src-shared/kiosk/bridge.ts declares the procedures. */
import type { kioskProcedures } from '../../src-shared/kiosk/bridge';
import type { HandlersOf } from '../ipc/router';
import type { KioskService } from './service';

/** The kiosk service runs the inactivity timer across sessions: the core owns it. */
export function kioskHandlers(kiosk: KioskService): HandlersOf<typeof kioskProcedures> {
  return {
    'kiosk.status': () => kiosk.status(),
    'kiosk.setup': (input) => kiosk.setup(input),
    'kiosk.unlock': (input) => kiosk.unlock(input),
    'kiosk.lock': (input) => kiosk.lock(input),
    'kiosk.updateSettings': (input) => kiosk.updateSettings(input),
    'kiosk.exit': (input) => kiosk.exit(input),
    'kiosk.activity': () => kiosk.activity(),
    'kiosk.printers': () => kiosk.printers(),
    'kiosk.print': () => kiosk.print(),
  };
}
