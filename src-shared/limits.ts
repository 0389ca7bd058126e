/**
 * Limits shared by the server, main and the renderer, in a module without zod so the renderer's
 * first screen does not load the whole contract to know them.
 */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** A request's description and a message on it, in characters (the form counts them as typed). */
export const REQUEST_TEXT_MAX_CHARS = 4000;

/** The CAF allocataire number, in characters. */
export const CAF_NUMBER_MAX = 20;

/** Photos a technical request may carry (the file field stops there, main refuses more). */
export const MAX_REQUEST_PHOTOS = 5;
