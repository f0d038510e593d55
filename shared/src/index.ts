export * from './enums.js';
export * from './labels.js';
export * from './errors.js';
export * from './phone.js';
export * from './lifecycle.js';
export * from './schemas.js';
export * from './client.js';
export * from './format.js';
