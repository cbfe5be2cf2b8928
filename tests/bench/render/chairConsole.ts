// The one line that names where the chair console lives.
export { ChairConsole } from '../../../client/src/features/chair/ChairConsole';
