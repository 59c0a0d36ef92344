import { CONTRACT_VERSIONS, validateEventData } from './registry';

/**
 * How a context writes its timer events: each timer on its own stream (`streamIdOf`), with the
 * versions and checks of the context's contract. Shaped as @campaign/timers' TimerEventContract.
 * Built from the context's name, like campaign-command's executor options, rather than kept in
 * the context's folder: `<context>/index.ts` loads while the registry builds its list of
 * contracts, so nothing under it may import the registry.
 */
export const timerEventContractFor = (context: string, streamIdOf: (subjectId: string, timerId: string) => string) =>
  ({
    context,
    streamIdOf,
    schemaVersionOf: (type: string): number => CONTRACT_VERSIONS[context].events[type],
    validate: (type: string, data: unknown): void => validateEventData(context, type, data),
  }) as const;
