export type MessageKind = 'events' | 'commands';

/** Key of a schema in release snapshots: `<context>/<kind>/<type>/<version>`. */
export const schemaKey = (context: string, kind: MessageKind | 'envelope' | 'record', type: string, version: number): string =>
  `${context}/${kind}/${type}/${version}`;
