/**
 * One renderer of render-pool.ts: a child process that renders the avis d'échéance it is sent and
 * answers with the bytes, or the refusal, under the id it was given. It ends when its parent
 * disconnects (the pool closed, or the parent died).
 */
import { renderAvisEcheance } from './avis-echeance';
import { isDocumentRefusedError } from './errors';
import type { RenderAnswer } from './render-pool';
import type { AvisEcheanceInput } from './types';

process.on('message', async (message: { id: number; input: AvisEcheanceInput }) => {
  let answer: RenderAnswer;
  try {
    answer = { id: message.id, bytes: await renderAvisEcheance(message.input) };
  } catch (error) {
    answer = isDocumentRefusedError(error)
      ? { id: message.id, refused: { code: error.code, message: error.message, details: error.details } }
      : { id: message.id, error: error instanceof Error ? error.message : String(error) };
  }
  process.send?.(answer);
});
process.on('disconnect', () => process.exit(0));
