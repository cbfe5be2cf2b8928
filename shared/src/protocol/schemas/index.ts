export * from './common.js';
export * from './organisationUnit.js';
export * from './participant.js';
export * from './reviewSession.js';
export * from './agendaItem.js';
export * from './report.js';
export * from './criticism.js';
