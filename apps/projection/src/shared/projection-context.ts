import type { RenamedSetting, z } from '@campaign/runtime';
import { NotFoundException, type Provider, type Type } from '@nestjs/common';
import type { RebuildableProjection } from './rebuild';

/** When a context's materialized views are refreshed (ViewRefresher's two triggers). */
export interface ViewRefreshPolicy {
  /** At most this long after a batch made them stale. */
  readonly debounceMs: number;
  /** Also on this fixed period, changes or not: views that read the clock, or a seed's schedule. */
  readonly everyMs?: number;
}

/** Everything the generic machinery (consumer, rebuilds, redrives, admin API) needs to know about one context. */
export interface ProjectionContext {
  /** The context's name: its topics, its event-store category and its admin URLs. */
  readonly name: string;
  /** The context's settings (`<CONTEXT>_<SETTING>`), merged into the app's config schema. */
  readonly configSchema: z.AnyZodObject;
  /** Settings it reads under a new name, whose first name still works (with a deprecation warning). */
  readonly renamedSettings?: readonly RenamedSetting[];
  /** The live schema its read models are in. */
  schemaOf(config: Readonly<Record<string, unknown>>): string;
  /** Its read models in a schema: the live one, or a shadow being rebuilt. */
  create(schema: string): RebuildableProjection;
  viewRefresh(config: Readonly<Record<string, unknown>>): ViewRefreshPolicy;
  /** Its query API. */
  readonly controllers: readonly Type[];
  readonly providers: readonly Provider[];
}

type ContextDefinition<S extends z.AnyZodObject> = Omit<ProjectionContext, 'configSchema' | 'schemaOf' | 'viewRefresh'> & {
  readonly configSchema: S;
  readonly schemaOf: (config: z.infer<S>) => string;
  readonly viewRefresh: (config: z.infer<S>) => ViewRefreshPolicy;
};

/** A context's descriptor, its settings typed by its own config fragment (the app's config holds it). */
export const projectionContext = <S extends z.AnyZodObject>(definition: ContextDefinition<S>): ProjectionContext => ({
  ...definition,
  schemaOf: (config) => definition.schemaOf(config as z.infer<S>),
  viewRefresh: (config) => definition.viewRefresh(config as z.infer<S>),
});

/** The contexts the running app projects (the list in contexts.ts), for injection. */
export const PROJECTION_CONTEXTS = 'PROJECTION_CONTEXTS';

/** The context of that name; undefined when the app projects none such. */
export const contextNamed = (contexts: readonly ProjectionContext[], name: string): ProjectionContext | undefined =>
  contexts.find((context) => context.name === name);

/** The answer to a URL that names a context this app does not project. */
export const unknownContext = (context: string): NotFoundException =>
  new NotFoundException({ code: 'UNKNOWN_CONTEXT', message: `no read models for context ${JSON.stringify(context).slice(0, 80)}` });
