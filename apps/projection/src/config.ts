import { loadConfig, withRenamedSettings, type z } from '@campaign/runtime';
import { CONTEXTS } from './contexts';
import { projectionBaseConfigSchema, type ProjectionConfig } from './shared/projection-config';

export type { ProjectionConfig } from './shared/projection-config';

/** The app's settings merged with every context's own; two contexts claiming one setting is a bug. */
const withContextSettings = (base: z.AnyZodObject): z.AnyZodObject =>
  CONTEXTS.reduce((schema, context) => {
    const taken = Object.keys(context.configSchema.shape).filter((key) => key in schema.shape);
    if (taken.length > 0) throw new Error(`context ${context.name} redefines the setting(s) ${taken.join(', ')}`);
    return schema.merge(context.configSchema);
  }, base);

/** Typed as the base plus settings only their own context reads (the list is typed loosely, see ProjectionConfig). */
export const projectionConfigSchema = withRenamedSettings(
  withContextSettings(projectionBaseConfigSchema),
  CONTEXTS.flatMap((context) => context.renamedSettings ?? []),
) as unknown as z.ZodType<ProjectionConfig, z.ZodTypeDef, unknown>;

export const readProjectionConfig = (): ProjectionConfig => loadConfig(projectionConfigSchema);
