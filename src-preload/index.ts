/**
 * The preload: the whole surface the renderer gets, as `window.portal`. Built from the contract's
 * channel lists so it can only invoke known procedures and listen to known events; no raw
 * ipcRenderer ever reaches the page. Runs sandboxed (bundled to one CommonJS file).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  EVENT_CHANNEL_PREFIX,
  INVOKE_CHANNEL_PREFIX,
  isEventName,
  isProcedureName,
} from '../src-shared/bridge-channels';
import type { PortalBridge } from '../src-shared/bridge';

const portal: PortalBridge = {
  invoke(name, input) {
    if (!isProcedureName(name)) {
      return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_PROCEDURE' } });
    }
    return ipcRenderer.invoke(INVOKE_CHANNEL_PREFIX + name, input);
  },
  on(name, listener) {
    if (!isEventName(name)) return () => undefined;
    const channel = EVENT_CHANNEL_PREFIX + name;
    // Wrap so the page never sees the IpcRendererEvent (it carries `sender`).
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload as never);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('portal', portal);
