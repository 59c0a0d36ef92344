import type { Principal } from '@campaign/runtime';
import { importingOrgOf } from './metric-import.message';
import { pushingOrgOf } from './push-roles';

const ORG = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const principal = (orgId: string | null, role: string | null, scopes: string[] = []): Principal => ({
  subject: 's',
  orgId,
  role,
  scopes: new Set(scopes),
  actor: orgId ? 'user:s' : 'service:s',
  claims: {},
});

describe('who may push metric rows, and for which org (from the verified token only)', () => {
  it('HTTP: a marketer or admin of the org, or an org token with ads:write, pushes for the token’s org', () => {
    expect(pushingOrgOf(principal(ORG, 'marketer'))).toBe(ORG);
    expect(pushingOrgOf(principal(ORG, 'admin'))).toBe(ORG);
    expect(pushingOrgOf(principal(ORG, null, ['ads:write']))).toBe(ORG);
  });

  it('HTTP: an analyst is refused AD_ROLE_REQUIRED, a token without an org TENANT_REQUIRED', () => {
    expect(() => pushingOrgOf(principal(ORG, 'analyst'))).toThrow(expect.objectContaining({ response: expect.objectContaining({ code: 'AD_ROLE_REQUIRED' }) }));
    expect(() => pushingOrgOf(principal(null, null, ['ads:service', 'ads:write']))).toThrow(
      expect.objectContaining({ response: expect.objectContaining({ code: 'TENANT_REQUIRED' }) }),
    );
  });

  it('Kafka: a service with ads:service imports for the org it names; an org principal only for its own org', () => {
    expect(importingOrgOf(principal(null, null, ['ads:service']), OTHER)).toBe(OTHER);
    expect(importingOrgOf(principal(null, null, ['ads:service']), null)).toEqual({ refusal: expect.any(String) });
    expect(importingOrgOf(principal(ORG, 'marketer'), ORG)).toBe(ORG);
    expect(importingOrgOf(principal(ORG, 'marketer'), OTHER)).toEqual({ refusal: expect.stringContaining(OTHER) });
    expect(importingOrgOf(principal(ORG, 'analyst'), ORG)).toEqual({ refusal: expect.any(String) });
    expect(importingOrgOf(principal(null, null, ['ads:read']), ORG)).toEqual({ refusal: expect.any(String) });
  });
});
