/**
 * One renderer of render-pool.ts: a child process that renders the documents it is sent and
 * answers with the bytes, or the refusal, under the id it was given. It ends when its parent
 * disconnects (the pool closed, or the parent died).
 */
import { isDocumentRefusedError } from './errors';
import { renderHere, type RenderAnswer, type RenderJob } from './render-pool';

process.on('message', async (message: { id: number; job: RenderJob }) => {
  let answer: RenderAnswer;
  try {
    answer = { id: message.id, bytes: await renderHere(message.job) };
  } catch (error) {
    answer = isDocumentRefusedError(error)
      ? { id: message.id, refused: { code: error.code, message: error.message, details: error.details } }
      : { id: message.id, error: error instanceof Error ? error.message : String(error) };
  }
  process.send?.(answer);
});
process.on('disconnect', () => process.exit(0));
