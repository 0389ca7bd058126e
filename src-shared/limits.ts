/**
 * Limits shared by the server, main and the renderer, in a module without zod so the renderer's
 * first screen does not load the whole contract to know them.
 */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
