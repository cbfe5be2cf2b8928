/**
 * `@plenum/shared`: the meeting event protocol (zod schemas, the only definition of the wire
 * format) and the pure domain rules that server and client both run.
 */
export * from './protocol/index.js';
export * from './domain/state.js';
export * from './domain/criticismTable.js';
export * from './domain/reducer.js';
export * from './domain/savedState.js';
export * from './domain/snapshotText.js';
export * from './domain/fulfilment.js';
export * from './domain/agendaItem.js';
export * from './domain/agendaTopic.js';
export * from './domain/warningNote.js';
export * from './domain/preparation.js';
export * from './domain/preparationRules.js';
export * from './domain/floorRules.js';
export * from './domain/sessionControl.js';
export * from './domain/dayDates.js';
export * from './domain/timer.js';
export * from './domain/permissions.js';
export * from './domain/criticismRules.js';
export * from './domain/selectors.js';
export * from './domain/attendance.js';
export * from './domain/flags.js';
export * from './domain/flagReasons.js';
export * from './domain/comparisons.js';
export * from './domain/warnings.js';
export * from './domain/reassignment.js';
export * from './domain/cascade.js';
export * from './domain/inspectionPlan.js';
export * from './domain/trends.js';
export * from './domain/minutesRecord.js';
export * from './terms/index.js';
