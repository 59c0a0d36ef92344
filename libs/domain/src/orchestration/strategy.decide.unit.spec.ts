import { given, history } from '../testing';
import { strategyDecider } from './strategy.decide';
import { after, AS_SERVICE, command, NOW, ORG_ID, OTHER_ORG_ID, STRATEGY_ID } from './testing';

const created = history(strategyDecider, [command.createStrategy({ description: 'Weekly posts', settings: { cadence: 'weekly' } })]);

describe('when no strategy exists', () => {
  it('CreateStrategy records StrategyCreated with the org, the settings and the time', () => {
    given(strategyDecider)
      .when(command.createStrategy({ settings: { cadence: 'weekly' } }))
      .then([
        {
          type: 'StrategyCreated',
          data: {
            orgId: ORG_ID,
            strategyId: STRATEGY_ID,
            name: 'Evergreen',
            strategyType: 'content',
            description: null,
            settings: { cadence: 'weekly' },
            createdAt: NOW,
          },
        },
      ]);
  });

  it('a name of 1 to 200 characters: blank or 201 are refused as STRATEGY_INVALID', () => {
    given(strategyDecider)
      .when(command.createStrategy({ name: '  ' }))
      .thenRejects('STRATEGY_INVALID', { details: { field: 'name' } });
    given(strategyDecider)
      .when(command.createStrategy({ name: 'x'.repeat(201) }))
      .thenRejects('STRATEGY_INVALID', { details: { field: 'name' } });
    expect(given(strategyDecider).when(command.createStrategy({ name: 'x'.repeat(200) })).decision).toHaveLength(1);
  });

  it('a strategy type of 1 to 100 characters', () => {
    given(strategyDecider)
      .when(command.createStrategy({ strategyType: 'x'.repeat(101) }))
      .thenRejects('STRATEGY_INVALID', { details: { field: 'strategyType' } });
  });

  it('settings are a JSON object', () => {
    given(strategyDecider)
      .when(command.createStrategy({ settings: [1, 2] as unknown as Record<string, unknown> }))
      .thenRejects('STRATEGY_INVALID', { details: { field: 'settings' } });
  });

  it('a viewer may not write strategies (scopes: editor writes strategies)', () => {
    given(strategyDecider)
      .when(command.createStrategy({}, { role: 'viewer' }))
      .thenRejects('ORCHESTRATION_ROLE_REQUIRED');
    expect(given(strategyDecider).when(command.createStrategy({}, { role: 'editor' })).decision).toHaveLength(1);
    expect(given(strategyDecider).when(command.createStrategy({}, AS_SERVICE)).decision).toHaveLength(1);
  });

  it('UpdateStrategy and DeleteStrategy answer STRATEGY_NOT_FOUND', () => {
    given(strategyDecider)
      .when(command.updateStrategy({ name: 'New' }))
      .thenRejects('STRATEGY_NOT_FOUND');
    given(strategyDecider).when(command.deleteStrategy()).thenRejects('STRATEGY_NOT_FOUND');
  });
});

describe('when the strategy exists', () => {
  it('CreateStrategy again is STRATEGY_ALREADY_EXISTS', () => {
    given(strategyDecider, created).when(command.createStrategy()).thenRejects('STRATEGY_ALREADY_EXISTS');
  });

  it('UpdateStrategy records only the fields that changed; null keeps a value', () => {
    given(strategyDecider, created)
      .when(command.updateStrategy({ name: 'Evergreen', strategyType: 'social', description: null }, after(60)))
      .then([
        {
          type: 'StrategyUpdated',
          data: { orgId: ORG_ID, strategyId: STRATEGY_ID, changes: { strategyType: 'social' }, updatedAt: '2026-04-01T09:01:00.000Z' },
        },
      ]);
  });

  it('an update that changes nothing records nothing', () => {
    given(strategyDecider, created)
      .when(command.updateStrategy({ settings: { cadence: 'weekly' } }))
      .thenNothing();
  });

  it('DeleteStrategy records StrategyDeleted; afterwards it is not found', () => {
    given(strategyDecider, created)
      .when(command.deleteStrategy())
      .then([{ type: 'StrategyDeleted', data: { orgId: ORG_ID, strategyId: STRATEGY_ID, deletedAt: NOW } }]);
    const gone = history(strategyDecider, [command.createStrategy(), command.deleteStrategy()]);
    given(strategyDecider, gone)
      .when(command.updateStrategy({ name: 'x' }))
      .thenRejects('STRATEGY_NOT_FOUND');
    given(strategyDecider, gone).when(command.createStrategy()).thenRejects('STRATEGY_ALREADY_EXISTS');
  });

  it("the stream carries the tenant: another org's command addresses another stream", () => {
    expect(strategyDecider.streamIdOf(command.createStrategy())).toBe(`orchestration-strategy-${ORG_ID}-${STRATEGY_ID}`);
    expect(strategyDecider.streamIdOf(command.createStrategy({}, { tenant: OTHER_ORG_ID }))).toBe(`orchestration-strategy-${OTHER_ORG_ID}-${STRATEGY_ID}`);
  });
});
