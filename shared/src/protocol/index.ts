export * from './version.js';
export * from './errors.js';
export * from './ack.js';
export * from './refusals.js';
export * from './schemas/index.js';
export * from './commands.js';
export * from './events.js';
export * from './channels.js';
export type * from './socketTypes.js';
