import { nameUuid } from '../name-uuid';

/**
 * The id of the content a workflow step produces (docs/orchestration.md, "Agents"): a function
 * of the workflow and the step, so the reactor's CreateContent fired twice names the same
 * content, and a step's `derivedFromStep` names its parent without a lookup. UUID version 5
 * layout over SHA-1; the workflow id (a UUID minted per org) keeps it apart from every other org's.
 */
export const stepContentId = (workflowId: string, stepKey: string): string => nameUuid('orchestration', 'step-content', workflowId, stepKey);
