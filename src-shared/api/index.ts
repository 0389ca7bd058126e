/** The Portal HTTP API contract (/v1), one module per area. */
export * from './common';
export * from './health';
export * from './landlord';
export * from './auth';
export * from './sync';
export * from './writes';
export * from './uploads';
export * from './admin';
export * from './staff';
