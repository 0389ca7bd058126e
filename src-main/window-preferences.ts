/**
 * The webPreferences of every app window, in one place (no Electron import, so the security
 * baseline is asserted by a unit test under Node): sandboxed, isolated, no Node, web security on.
 */
export interface AppWindowPreferences {
  preload?: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  experimentalFeatures: false;
  webviewTag: false;
  navigateOnDragDrop: false;
  spellcheck: false;
  devTools: boolean;
}

export function appWindowPreferences(options: { preload?: string; packaged: boolean; kiosk: boolean }): AppWindowPreferences {
  return {
    ...(options.preload ? { preload: options.preload } : {}),
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    // DevTools only for developers: never in a packaged build, never on a lodge PC.
    devTools: !options.packaged && !options.kiosk,
  };
}
