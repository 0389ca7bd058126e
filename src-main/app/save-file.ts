/**
 * "Télécharger": the OS save dialog, nothing more. The documents service (src-main/documents)
 * copies the verified file to the chosen path, so that part runs and is tested under Node.
 */
import { join } from 'node:path';
import { app, dialog, type BrowserWindow } from 'electron';

export async function chooseSavePath(window: BrowserWindow | null, suggestedName: string): Promise<string | null> {
  const options = {
    defaultPath: join(app.getPath('documents'), suggestedName),
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
  };
  const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  return choice.canceled || !choice.filePath ? null : choice.filePath;
}
