import { accepted, given } from '../testing';
import { attributionSettings, configurationDecider } from './configuration';
import { agentId, AS_SERVICE, AS_VIEWER, command, configuredWith, NOW, ORG_ID, registryOf } from './testing';

const registry = registryOf(2);

describe('when nothing is configured', () => {
  it('the attribution settings in force are last_touch over 30 days', () => {
    expect(attributionSettings(new Map())).toEqual({ model: 'last_touch', windowDays: 30 });
  });

  it('SetConfiguration records ConfigurationSet with the agent that made the change', () => {
    given(configurationDecider, registry)
      .when(command.setConfiguration({ updatedByAgentId: agentId(2) }))
      .then([{ type: 'ConfigurationSet', data: { orgId: ORG_ID, key: 'attribution_model', value: 'linear', updatedByAgentId: agentId(2), setAt: NOW } }]);
  });

  it.each(['last_touch', 'linear'])('attribution_model takes %p', (value) => {
    expect(accepted(given(configurationDecider, registry).when(command.setConfiguration({ value })))).toHaveLength(1);
  });

  it.each(['first_touch', 'LINEAR', 1, null, { model: 'linear' }])('attribution_model does not take %p: CONFIGURATION_INVALID', (value) => {
    given(configurationDecider, registry)
      .when(command.setConfiguration({ value }))
      .thenRejects('CONFIGURATION_INVALID', { details: { field: 'value' } });
  });

  it.each([1, 7, 365])('attribution_window_days takes %p', (value) => {
    expect(accepted(given(configurationDecider, registry).when(command.setConfiguration({ key: 'attribution_window_days', value })))).toHaveLength(1);
  });

  it.each([0, 366, 7.5, '30', -1])('attribution_window_days does not take %p: CONFIGURATION_INVALID', (value) => {
    given(configurationDecider, registry)
      .when(command.setConfiguration({ key: 'attribution_window_days', value }))
      .thenRejects('CONFIGURATION_INVALID', { details: { field: 'value' } });
  });

  it('other keys take any JSON value; a key is lower-case letters, digits, _ or .', () => {
    expect(accepted(given(configurationDecider, registry).when(command.setConfiguration({ key: 'theme.colors', value: { primary: '#000' } })))).toHaveLength(1);
    given(configurationDecider, registry)
      .when(command.setConfiguration({ key: 'Theme', value: 1 }))
      .thenRejects('CONFIGURATION_INVALID', { details: { field: 'key' } });
    given(configurationDecider, registry)
      .when(command.setConfiguration({ key: 'x', value: undefined }))
      .thenRejects('CONFIGURATION_INVALID', { details: { field: 'value' } });
  });

  // seed 001 (line 277): FOREIGN KEY (updated_by_agent_id) REFERENCES agents(id)
  it('configurations.updated_by_agent_id: the agent, when named, is registered (AGENT_NOT_FOUND otherwise)', () => {
    given(configurationDecider, registry)
      .when(command.setConfiguration({ updatedByAgentId: agentId(9) }))
      .thenRejects('AGENT_NOT_FOUND', { details: { field: 'updatedByAgentId' } });
  });

  it('a viewer may not configure the shop (COMMERCE_ROLE_REQUIRED); a service may', () => {
    given(configurationDecider, registry).when(command.setConfiguration({}, AS_VIEWER)).thenRejects('COMMERCE_ROLE_REQUIRED');
    expect(accepted(given(configurationDecider, registry).when(command.setConfiguration({}, AS_SERVICE)))).toHaveLength(1);
  });
});

describe('when the attribution is configured (linear over 7 days)', () => {
  const configured = [...registry, ...configuredWith({ attribution_model: 'linear', attribution_window_days: 7 })];

  it('the settings in force are the configured ones', () => {
    expect(attributionSettings(given(configurationDecider, configured).state().own)).toEqual({ model: 'linear', windowDays: 7 });
  });

  it('setting a key to the value it has records nothing; another value is recorded', () => {
    given(configurationDecider, configured)
      .when(command.setConfiguration({ value: 'linear' }))
      .thenNothing();
    expect(accepted(given(configurationDecider, configured).when(command.setConfiguration({ value: 'last_touch' })))[0].data).toMatchObject({
      value: 'last_touch',
    });
  });
});
