/** The content check is shared with the desktop app (it refuses a bad file before queueing it). */
export { sniffMediaType } from '../../../src-shared/validation/file-type';
