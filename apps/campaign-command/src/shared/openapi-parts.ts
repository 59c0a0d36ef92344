/** What every context's OpenAPI fragment shares: ids, the command id, a rejection and an accepted outcome. */
export const uuid = { type: 'string', format: 'uuid' };
export const commandId = { type: 'string', description: 'Alternative to the Idempotency-Key header', maxLength: 200 };
export const rejection = { content: { 'application/json': { schema: { $ref: '#/components/schemas/Rejection' } } } };

/** An accepted command's answer, with the ids the route names; `eventIds` says which events the context lists. */
export const acceptedOutcome = (ids: Record<string, unknown>, eventIds: string) => ({
  type: 'object',
  required: ['status', 'commandId', 'streamId', 'streamVersion', 'eventIds', 'duplicate'],
  properties: {
    ...ids,
    status: { const: 'ACCEPTED' },
    commandId: { type: 'string' },
    streamId: { type: 'string' },
    streamVersion: { type: 'integer' },
    eventIds: { type: 'array', items: uuid, description: eventIds },
    duplicate: { type: 'boolean', description: 'true when this command id was processed before' },
  },
});
