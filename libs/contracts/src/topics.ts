import { THIRTY_DAYS_RETENTION_MS, type TopicSpec } from './context-contract';
import { CONTRACTS } from './registry';

/**
 * Topic names and their partition counts. One events topic per context, keyed by stream id so
 * a stream's events stay in order; commands keyed by the addressed stream; results keyed by
 * command id. The prefix keeps test runs (or tenants of a shared broker) apart.
 */
export interface ContextTopics {
  readonly events: string;
  readonly commands: string;
  readonly commandResults: string;
  readonly deadLetter: string;
}

export const topicsFor = (context: string, prefix = ''): ContextTopics => ({
  events: `${prefix}${context}.events`,
  commands: `${prefix}${context}.commands`,
  commandResults: `${prefix}${context}.command-results`,
  deadLetter: `${prefix}${context}.dead-letter`,
});

export type { TopicSpec } from './context-contract';

const THIRTY_DAYS_MS = String(THIRTY_DAYS_RETENTION_MS);

/** The partition counts are part of the contract: changing them moves keys between partitions. */
export const PARTITIONS = { events: 6, commands: 6, commandResults: 6, deadLetter: 1 } as const;

/** Every topic of a context: the four of every context, then those its contract names as its own. */
export const topicSpecs = (context: string, prefix = ''): TopicSpec[] => {
  const topics = topicsFor(context, prefix);
  return [
    // The event store is the source of truth; the events topic keeps 30 days for replays.
    { topic: topics.events, numPartitions: PARTITIONS.events, configEntries: [{ name: 'retention.ms', value: THIRTY_DAYS_MS }] },
    { topic: topics.commands, numPartitions: PARTITIONS.commands, configEntries: [{ name: 'retention.ms', value: THIRTY_DAYS_MS }] },
    { topic: topics.commandResults, numPartitions: PARTITIONS.commandResults, configEntries: [{ name: 'retention.ms', value: THIRTY_DAYS_MS }] },
    { topic: topics.deadLetter, numPartitions: PARTITIONS.deadLetter, configEntries: [{ name: 'retention.ms', value: '-1' }] },
    ...(CONTRACTS[context]?.ownTopics?.(prefix) ?? []),
  ];
};

/** The topics of every context the platform knows, for services that create them at start. */
export const allTopicSpecs = (contexts: readonly string[], prefix = ''): TopicSpec[] => contexts.flatMap((context) => topicSpecs(context, prefix));

/**
 * The Kafka key of an event: its stream id up to the first `/`. A stream nested under another
 * (a campaign's timers, `campaign-<id>/timer-<id>`) shares its parent's partition, so consumers
 * see both in the order they were committed.
 */
export const partitionKeyOf = (streamId: string): string => {
  const slash = streamId.indexOf('/');
  return slash < 0 ? streamId : streamId.slice(0, slash);
};
