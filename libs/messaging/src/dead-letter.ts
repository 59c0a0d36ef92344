import type { IHeaders, KafkaMessage, Message } from 'kafkajs';

/**
 * Every letter on a `<context>.dead-letter` topic says what it is and where it came from, so an
 * operator can list it and, after a fix, redrive it (see DeadLetterRedriver):
 * - `raw`: the original message's key, value and headers, byte for byte, to republish to the
 *   topic, partition and offset it was read from;
 * - `event-pointer`: an event the relay could not publish; it stays in the event store and the
 *   letter names it by event id (its data may be the problem, so it is not carried).
 * The dead-letter headers share a prefix, so a redrive can drop them and keep the rest (a
 * command's signed token travels in its `authorization` header).
 */
export type DeadLetterKind = 'raw' | 'event-pointer';

export const DEAD_LETTER_HEADERS = {
  kind: 'dead-letter-kind',
  consumer: 'dead-letter-consumer',
  error: 'dead-letter-error',
  at: 'dead-letter-at',
  originTopic: 'dead-letter-origin-topic',
  originPartition: 'dead-letter-origin-partition',
  originOffset: 'dead-letter-origin-offset',
  eventId: 'dead-letter-event-id',
} as const;

/** Marks a message republished by a redrive: `<dead-letter topic>:<offset>` of its letter. */
export const REDRIVEN_FROM_HEADER = 'redriven-from';

const PREFIX = 'dead-letter-';

/** Where a raw letter's message was read. */
export interface LetterOrigin {
  readonly topic: string;
  readonly partition: number;
}

/** Headers longer than this are cut: an error message is for reading, not for carrying a payload. */
const MAX_ERROR_CHARS = 2_000;

const common = (kind: DeadLetterKind, consumer: string, error: string): IHeaders => ({
  [DEAD_LETTER_HEADERS.kind]: kind,
  [DEAD_LETTER_HEADERS.consumer]: consumer,
  [DEAD_LETTER_HEADERS.error]: error.slice(0, MAX_ERROR_CHARS),
  [DEAD_LETTER_HEADERS.at]: new Date().toISOString(),
  // Read by the tools and tests written before the letters described themselves.
  error: error.slice(0, MAX_ERROR_CHARS),
});

/** A message a consumer could not use, kept byte for byte with where it was read. */
export const rawDeadLetter = (message: KafkaMessage, origin: LetterOrigin, consumer: string, error: string): Message => ({
  key: message.key,
  value: message.value,
  headers: {
    ...(message.headers ?? {}),
    ...common('raw', consumer, error),
    [DEAD_LETTER_HEADERS.originTopic]: origin.topic,
    [DEAD_LETTER_HEADERS.originPartition]: String(origin.partition),
    [DEAD_LETTER_HEADERS.originOffset]: message.offset,
  },
});

/** What names an event that stays in the store. */
export interface EventPointer {
  readonly eventId: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly type: string;
  readonly context: string;
}

/** A letter naming an event the relay could not publish; the value is the pointer as JSON. */
export const eventPointerDeadLetter = (key: string, pointer: EventPointer, consumer: string, error: string, headers: IHeaders = {}): Message => ({
  key,
  value: Buffer.from(JSON.stringify({ ...pointer, error })),
  headers: { ...headers, ...common('event-pointer', consumer, error), [DEAD_LETTER_HEADERS.eventId]: pointer.eventId },
});

/** A header's text (KafkaJS gives a Buffer, a string, or an array of them). */
export const headerText = (headers: IHeaders | undefined, name: string): string | null => {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? null : first.toString();
};

/** The headers a letter's original message carried, without the dead-letter ones. */
export const originalHeaders = (headers: IHeaders | undefined): IHeaders =>
  Object.fromEntries(
    Object.entries(headers ?? {}).filter(([name]) => !name.startsWith(PREFIX) && name !== 'error' && name !== REDRIVEN_FROM_HEADER),
  ) as IHeaders;
