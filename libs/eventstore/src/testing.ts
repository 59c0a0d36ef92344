/**
 * Builders for tests of the store: a tenant-scoped decider small enough to read in one glance.
 * A note is one stream per (org, note id); each write appends one event; an empty text is refused.
 */
import { randomUUID } from 'node:crypto';
import { type Command, type Decider, DomainError, type Event } from '@campaign/domain';
import type { AppendMetadata, CommandOutcome } from './types';

export type WriteNote = Command<'WriteNote', { readonly org: string; readonly noteId: string; readonly text: string }>;
export type NoteWritten = Event<'NoteWritten', { readonly text: string }>;

export const noteStreamId = (org: string, noteId: string): string => `note-${org}-${noteId}`;

export const notesDecider: Decider<WriteNote, NoteWritten, number> = {
  initialState: () => 0,
  evolve: (count) => count + 1,
  decide: (command) =>
    command.data.text === '' ? new DomainError('NOTE_EMPTY', 'a note needs text') : [{ type: 'NoteWritten', data: { text: command.data.text } }],
  streamIdOf: (command) => noteStreamId(command.data.org, command.data.noteId),
};

/** The command org `org` sends; the instant and correlation differ on every call, as on an honest retry. */
export const writeNote = (org: string, noteId: string, text: string, commandId = randomUUID(), actor = 'user:1'): WriteNote => ({
  type: 'WriteNote',
  data: { org, noteId, text },
  metadata: { commandId, now: new Date().toISOString(), actor, tenant: org, correlationId: randomUUID() },
});

/** An append's metadata in context 'test' by `user:1` of `tenant`, under a new command id. */
export const testMetadata = (tenant: string): AppendMetadata => {
  const commandId = randomUUID();
  return { context: 'test', occurredAt: new Date().toISOString(), correlationId: commandId, causationId: null, actor: 'user:1', tenant, commandId };
};

/** The outcome an accepted append to `streamId` records. */
export const acceptedOn =
  (streamId: string) =>
  (streamVersion: number): CommandOutcome => ({ status: 'ACCEPTED', commandId: randomUUID(), streamId, streamVersion, eventIds: [] });
