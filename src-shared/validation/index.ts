/** Validators of what people type, shared by main, renderer and server. */
export * from './bic';
export * from './dates';
export * from './iban';
export * from './mask';
export * from './password';
export * from './phone';
export * from './phone-schemas';
export * from './schemas';
export * from './tenant-reference';
export * from './file-type';
