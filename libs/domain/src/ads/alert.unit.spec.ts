import { accepted, given, unchecked } from '../testing';
import type { AlertDeciderEvent, AlertRaised } from './alert';
import { ALERT_SEVERITIES, ALERT_TYPES, alertStreamId } from './alert';
import { alertDecider } from './alert.decide';
import {
  acknowledgeAlert,
  after,
  as,
  CAMPAIGN_ID,
  campaignRegistered,
  MARKETER_ID,
  NOW,
  ORG_ID,
  OTHER_ORG_ID,
  raiseAlert,
  raiseAlertData,
  resolveAlert,
} from './insight.testing';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const registered = [campaignRegistered()];
const raisedEvent = (): AlertRaised => accepted(given(alertDecider, registered).when(raiseAlert()))[0] as AlertRaised;
const ALERT_ID = raisedEvent().data.alertId;
const raised: AlertDeciderEvent[] = [...registered, raisedEvent()];

describe('when no alert is open for the campaign and rule', () => {
  const when = given(alertDecider, registered).when;

  it('RaiseAlert records AlertRaised with an id derived from the command id', () => {
    const [event] = accepted(when(raiseAlert()));
    expect(event).toEqual({ type: 'AlertRaised', data: { ...raiseAlertData, alertId: expect.stringMatching(UUID), orgId: ORG_ID, raisedAt: NOW } });
    // A retried command names the same alert; another command another one.
    expect(accepted(when(raiseAlert()))[0].data).toMatchObject({ alertId: ALERT_ID });
    expect(accepted(when(raiseAlert({}, as.service({ commandId: 'cmd-2' }))))[0].data).not.toMatchObject({ alertId: ALERT_ID });
  });

  // seed 003: alert_type — ROAS_DROP, CPA_SPIKE, ZERO_CONVERSIONS
  it.each(ALERT_TYPES)("the alert types are the seed's: %s is accepted", (alertType) => {
    expect(accepted(when(raiseAlert({ alertType })))).toHaveLength(1);
  });

  it("an alert type outside the seed's list is ALERT_INVALID", () => {
    when(raiseAlert({ alertType: unchecked('CTR_DROP') })).thenRejects('ALERT_INVALID', { details: { field: 'alert_type' } });
  });

  // seed 003: severity — LOW, MEDIUM, HIGH, CRITICAL
  it.each(ALERT_SEVERITIES)('severities are LOW…CRITICAL: %s is accepted', (severity) => {
    expect(accepted(when(raiseAlert({ severity })))).toHaveLength(1);
  });

  it('a severity outside LOW…CRITICAL is ALERT_INVALID', () => {
    when(raiseAlert({ severity: unchecked('URGENT') })).thenRejects('ALERT_INVALID', { details: { field: 'severity' } });
  });

  // seed 003: metric_value / threshold_value DECIMAL(15,4)
  it.each([
    ['metric_value', { metricValue: '1.23456' }],
    ['metric_value', { metricValue: '123456789012.5' }],
    ['threshold_value', { thresholdValue: 'abc' }],
    ['metric_name', { metricName: 'x'.repeat(101) }],
    ['platform', { platform: 'x'.repeat(51) }],
    ['message', { message: '  ' }],
    ['campaign_id', { campaignId: 'not-a-uuid' }],
  ])('metric and threshold values fit DECIMAL(15,4), texts their columns (%s)', (field, data) => {
    when(raiseAlert(data)).thenRejects('ALERT_INVALID', { details: { field } });
  });

  it('the largest DECIMAL(15,4) values are accepted', () => {
    expect(accepted(when(raiseAlert({ metricValue: '99999999999.9999', thresholdValue: '-0.5' })))).toHaveLength(1);
  });

  // seed 003: alerts.campaign_id REFERENCES campaigns(id); tenancy by org.
  it('an alert is raised only on a campaign of the acting org', () => {
    given(alertDecider, []).when(raiseAlert()).thenRejects('ALERT_CAMPAIGN_NOT_FOUND');
    given(alertDecider, [campaignRegistered(OTHER_ORG_ID)])
      .when(raiseAlert())
      .thenRejects('ALERT_CAMPAIGN_NOT_FOUND');
  });

  it('an analyst may not raise alerts (AD_ROLE_REQUIRED)', () => {
    when(raiseAlert({}, as.analyst())).thenRejects('AD_ROLE_REQUIRED');
  });

  it('acknowledging or resolving an alert never raised is ALERT_NOT_FOUND', () => {
    when(acknowledgeAlert()).thenRejects('ALERT_NOT_FOUND');
    when(resolveAlert()).thenRejects('ALERT_NOT_FOUND');
  });

  it('an automatic resolution with no open alert records nothing (the evaluator re-evaluates every window)', () => {
    when(resolveAlert({ automatic: true }, as.service())).thenNothing();
  });
});

describe('when an alert is open', () => {
  const when = given(alertDecider, raised).when;

  // Issue 12 point 5 (seed 003 alerts): one open alert per campaign and rule — a repeat updates it, it does not duplicate.
  it('one open alert per campaign and rule: a repeat with new figures updates it', () => {
    when(
      raiseAlert({ severity: 'CRITICAL', metricValue: '0.4000', message: 'ROAS fell to 0.4' }, as.service({ commandId: 'cmd-2', now: after(900_000) })),
    ).then([
      {
        type: 'AlertUpdated',
        data: {
          alertId: ALERT_ID,
          severity: 'CRITICAL',
          message: 'ROAS fell to 0.4',
          metricValue: '0.4000',
          thresholdValue: '2.1700',
          updatedAt: after(900_000),
        },
      },
    ]);
  });

  it('one open alert per campaign and rule: an identical repeat records nothing', () => {
    when(raiseAlert({}, as.service({ commandId: 'cmd-2' }))).thenNothing();
  });

  it('each rule of a campaign has its own alert stream', () => {
    expect(alertStreamId(CAMPAIGN_ID, 'ROAS_DROP')).toBe(`ads-alert-${CAMPAIGN_ID}-roas_drop`);
    expect(alertDecider.streamIdOf(raiseAlert({ alertType: 'CPA_SPIKE' }))).toBe(`ads-alert-${CAMPAIGN_ID}-cpa_spike`);
  });

  // Issue 12 point 5: acknowledge and resolve by a person.
  it('a marketer acknowledges the alert (seed 003: acknowledged_at, acknowledged_by)', () => {
    when(acknowledgeAlert()).then([{ type: 'AlertAcknowledged', data: { alertId: ALERT_ID, acknowledgedBy: MARKETER_ID, acknowledgedAt: NOW } }]);
  });

  it('acknowledging twice records nothing the second time', () => {
    const events = [...raised, ...accepted(when(acknowledgeAlert()))];
    given(alertDecider, events).when(acknowledgeAlert()).thenNothing();
  });

  it('acknowledge and resolve by a person: an analyst, a user without a role or a service may not acknowledge', () => {
    when(acknowledgeAlert({}, as.analyst())).thenRejects('AD_ROLE_REQUIRED');
    when(acknowledgeAlert({}, as.roleless())).thenRejects('AD_ROLE_REQUIRED');
    when(acknowledgeAlert({}, as.service())).thenRejects('AD_ROLE_REQUIRED');
    when(resolveAlert({}, as.analyst())).thenRejects('AD_ROLE_REQUIRED');
  });

  it('an admin resolves the alert: resolved_by is the user', () => {
    when(resolveAlert({ alertId: ALERT_ID }, as.admin())).then([
      { type: 'AlertResolved', data: { alertId: ALERT_ID, resolvedAt: NOW, resolvedBy: as.admin().actor.slice(5) } },
    ]);
  });

  // Issue 12 point 5: automatic resolution when the metric recovers.
  it('automatic resolution by the evaluator: resolved_by is auto', () => {
    when(resolveAlert({ automatic: true }, as.service())).then([{ type: 'AlertResolved', data: { alertId: ALERT_ID, resolvedAt: NOW, resolvedBy: 'auto' } }]);
  });

  it("a person's resolution is never automatic, even when the request says so", () => {
    const [event] = accepted(when(resolveAlert({ automatic: true }, as.marketer())));
    expect(event.data).toMatchObject({ resolvedBy: MARKETER_ID });
  });

  it("an alert id that is not the open alert's is ALERT_NOT_OPEN", () => {
    when(acknowledgeAlert({ alertId: 'ffffffff-0000-4000-8000-000000000000' })).thenRejects('ALERT_NOT_OPEN');
  });

  it('another org cannot see the alert: ALERT_NOT_FOUND', () => {
    when(acknowledgeAlert({}, as.marketer({ tenant: OTHER_ORG_ID }))).thenRejects('ALERT_NOT_FOUND');
    when(resolveAlert({}, as.marketer({ tenant: OTHER_ORG_ID }))).thenRejects('ALERT_NOT_FOUND');
  });
});

describe('when the alert was resolved', () => {
  const resolved = [...raised, ...accepted(given(alertDecider, raised).when(resolveAlert({ automatic: true })))];
  const when = given(alertDecider, resolved).when;

  it('acknowledging or resolving it again by a person is ALERT_NOT_OPEN', () => {
    when(acknowledgeAlert()).thenRejects('ALERT_NOT_OPEN');
    when(resolveAlert()).thenRejects('ALERT_NOT_OPEN');
  });

  it('the next breach of the rule raises a new alert (a new alerts row)', () => {
    const [event] = accepted(when(raiseAlert({}, as.service({ commandId: 'cmd-3' }))));
    expect(event.type).toBe('AlertRaised');
    expect(event.data).not.toMatchObject({ alertId: ALERT_ID });
  });
});
