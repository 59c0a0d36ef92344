import { personalFieldsOf } from '@campaign/contracts';
import { PersonalData, PersonalDataKeys } from '@campaign/eventstore';
import type { Pool, PoolClient } from 'pg';
import type { ProjectionContext } from './projection-context';
import type { RebuildableProjection } from './rebuild';

/** The key store the command side seals personal values with (README, "Personal data"). */
export const personalDataOf = (pool: Pool, config: { readonly PERSONAL_DATA_SCHEMA: string }): PersonalData =>
  new PersonalData(new PersonalDataKeys(pool, config.PERSONAL_DATA_SCHEMA), personalFieldsOf);

/**
 * A context's read models in a schema, fed its events with their personal values opened — or
 * null where the person was erased, so a rebuild after an erasure holds none of them. Events
 * stay sealed everywhere else in the service (dead letters, the dead-letter topic).
 */
export const createProjection = (context: ProjectionContext, schema: string, personalData: PersonalData): RebuildableProjection => {
  const projection = context.create(schema);
  const opened: RebuildableProjection = Object.create(projection);
  opened.applyBatch = async (client: PoolClient, events) => projection.applyBatch(client, await personalData.openAll(events));
  return opened;
};
