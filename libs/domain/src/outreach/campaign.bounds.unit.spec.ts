import { parseInstant, toIso } from '../shared/validation';
import { accepted, given } from '../testing';
import type { OutreachCampaignEvent } from './campaign';
import { campaignDecider } from './campaign.decide';
import { campaignIn, directory, outreachCommand as command } from './testing';
import { campaignTimerPolicy, type CampaignTimerView, type OutreachTimerToSchedule } from './timers.policy';

type DeciderEvent = Parameters<typeof campaignDecider.evolve>[1];
const whenCreating = (data: Parameters<typeof command.createCampaign>[0]) => given(campaignDecider, directory()).when(command.createCampaign(data));

/** Every timer the campaign policy derives from `events`, in order. */
const timersOf = (events: readonly DeciderEvent[]): OutreachTimerToSchedule[] => {
  let view: CampaignTimerView | null = null;
  const timers: OutreachTimerToSchedule[] = [];
  for (const event of events) {
    // Events of other kinds (the directory, contacts) leave the campaign's timers as they are.
    const outcome = campaignTimerPolicy(view, event as OutreachCampaignEvent);
    view = outcome.view;
    timers.push(...outcome.schedule);
  }
  return timers;
};

describe('date bounds: start_date and end_date stay where the timers they set can be stored and read back', () => {
  it.each([
    ['end_date', { endDate: '9999-12-31' }],
    ['end_date', { endDate: '3000-01-01' }],
    ['start_date', { startDate: '9999-12-31' }],
    ['start_date', { startDate: '3000-01-01', endDate: '3000-01-02' }],
  ])('%s beyond 2999-12-31 (%o) is rejected as CAMPAIGN_INVALID naming the field', (field, data) => {
    whenCreating(data).thenRejects('CAMPAIGN_INVALID', { details: { field } });
  });

  it('an update moving end_date to 9999-12-31 is rejected the same way', () => {
    const decision = given(campaignDecider, campaignIn('active')).when(command.updateCampaign({ changes: { endDate: '9999-12-31' } }));
    decision.thenRejects('CAMPAIGN_INVALID', { details: { field: 'end_date' } });
  });

  // seed 004: auto-complete at end_date, then "Archive After: 90 days after completion".
  it('the latest end_date accepted, 2999-12-31, completes and archives at instants the deciders can read back', () => {
    let events: DeciderEvent[] = [...directory(), ...accepted(whenCreating({ startDate: '2999-12-30', endDate: '2999-12-31' }))];
    const at = { now: '2999-12-30T08:00:00.000Z' };
    events = [...events, ...accepted(given(campaignDecider, events).when(command.addContacts({}, at)))];
    events = [...events, ...accepted(given(campaignDecider, events).when(command.activate({}, at)))];
    const endTimer = timersOf(events).find((t) => t.timerType === 'CAMPAIGN_END_DATE') as OutreachTimerToSchedule;
    events = [...events, ...accepted(given(campaignDecider, events).when(command.complete({ reason: 'end_date_reached' }, { now: endTimer.dueAt })))];
    const archiveTimer = timersOf(events).find((t) => t.timerType === 'CAMPAIGN_ARCHIVE') as OutreachTimerToSchedule;
    expect(archiveTimer.dueAt).toBe('3000-03-31T00:00:00.000Z');
    expect(toIso(parseInstant(archiveTimer.dueAt) as number)).toBe(archiveTimer.dueAt);
  });
});
