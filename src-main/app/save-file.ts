/** "Enregistrer une copie": the OS save dialog, then a plain copy of the verified file. */
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, dialog, type BrowserWindow } from 'electron';

export async function saveFileAs(window: BrowserWindow | null, suggestedName: string, sourceFile: string): Promise<'saved' | 'cancelled'> {
  const options = {
    defaultPath: join(app.getPath('documents'), suggestedName),
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
  };
  const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return 'cancelled';
  await copyFile(sourceFile, choice.filePath);
  return 'saved';
}
