import { topicSpecs } from '@campaign/contracts';

/** Every topic of the contexts this service projects. */
export const contractTopicSpecs = (prefix: string) => [...topicSpecs('lifecycle', prefix)];
