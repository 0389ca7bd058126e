/**
 * Registers one ipcMain handler per procedure of the contract (an unknown channel has no handler
 * and is refused by Electron) and passes the sender frame's origin to the router, which refuses
 * foreign origins and subframes.
 */
import { ipcMain, type BrowserWindow } from 'electron';
import { EVENT_CHANNEL_PREFIX, INVOKE_CHANNEL_PREFIX, PROCEDURE_NAMES, type EventName, type EventPayload } from '../../src-shared/bridge';
import type { Router } from '../ipc/router';

export function registerIpc(router: Router) {
  for (const name of PROCEDURE_NAMES) {
    ipcMain.handle(INVOKE_CHANNEL_PREFIX + name, (event, input: unknown) => {
      const frame = event.senderFrame;
      return router(name, input, {
        origin: frame ? frame.origin : null,
        isMainFrame: frame !== null && frame === event.sender.mainFrame,
      });
    });
  }
}

export function emitToWindows(windows: () => BrowserWindow[]) {
  return <E extends EventName>(name: E, payload: EventPayload<E>) => {
    for (const window of windows()) {
      if (!window.isDestroyed()) window.webContents.send(EVENT_CHANNEL_PREFIX + name, payload);
    }
  };
}
