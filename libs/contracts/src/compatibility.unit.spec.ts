import { checkCompatibility, compareWithRelease, snapshotSchemas } from './compatibility';
import { lifecycleEventSchemas } from './lifecycle';
import { RELEASED_SCHEMAS } from './registry';

describe('schema compatibility with the released version', () => {
  it('every current schema is backward- and forward-compatible with released/v1.json', () => {
    expect(compareWithRelease()).toEqual([]);
  });

  it('every current schema is in the release snapshot', () => {
    expect(Object.keys(RELEASED_SCHEMAS)).toEqual(expect.arrayContaining(Object.keys(snapshotSchemas())));
  });

  const released = lifecycleEventSchemas.ParticipantJoined.schema;
  const withFields = (fields: readonly unknown[]) => ({ ...released, fields });

  it('reports a new field without a default (new readers cannot read old data)', () => {
    const changed = withFields([...released.fields, { name: 'channel', type: 'string' }]);
    expect(checkCompatibility(released, changed)).toEqual([expect.stringMatching(/^backward/)]);
  });

  it('reports a removed field without a default (old readers cannot read new data)', () => {
    const changed = withFields(released.fields.filter((f) => f.name !== 'participantId'));
    expect(checkCompatibility(released, changed)).toEqual([expect.stringMatching(/^forward/)]);
  });

  it('reports a field whose type changed from string to int', () => {
    const changed = withFields(released.fields.map((f) => (f.name === 'participantId' ? { ...f, type: 'int' } : f)));
    expect(checkCompatibility(released, changed)).toHaveLength(2);
  });

  it('accepts an added optional field with a default', () => {
    const changed = withFields([...released.fields, { name: 'channel', type: ['null', 'string'], default: null }]);
    expect(checkCompatibility(released, changed)).toEqual([]);
  });

  it('reports a released schema that disappeared', () => {
    const extra = { ...RELEASED_SCHEMAS, 'lifecycle/events/CampaignArchived/1': released };
    expect(compareWithRelease(extra)).toEqual(['lifecycle/events/CampaignArchived/1: a released schema was removed']);
  });
});
