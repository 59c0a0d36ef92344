import { topicSpecs } from '@campaign/contracts';

/** Every topic campaign-command reads or writes, created with their partition counts. */
export const allTopicSpecs = (prefix: string) => [...topicSpecs('lifecycle', prefix)];
