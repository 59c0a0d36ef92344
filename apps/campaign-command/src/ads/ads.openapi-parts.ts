import { acceptedOutcome } from '../shared/openapi-parts';

export { commandId, rejection, uuid } from '../shared/openapi-parts';

/** An accepted ads command's answer, with the ids the route names. */
export const accepted = (ids: Record<string, unknown>) => acceptedOutcome(ids, 'Empty when nothing changed (a repeat of what is recorded)');
