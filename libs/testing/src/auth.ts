import { hs256CommandSigner, signJwt } from '@campaign/runtime';

/** The HS256 secret every app under test verifies tokens with (and signs its commands with). */
export const TEST_JWT_SECRET = 'test-secret-that-is-at-least-32-characters-long';

const inAnHour = () => Math.floor(Date.now() / 1000) + 3_600;

/** A bearer token of a service or operator holding `scopes` (no org). */
export const serviceToken = (scopes: readonly string[], sub = 'test-operator', secret = TEST_JWT_SECRET): string =>
  signJwt({ sub, scope: scopes.join(' '), exp: inAnHour() }, secret);

/** A bearer token of a user of an org (seed 004 claims). */
export const userToken = (orgId: string, sub: string, role: string, secret = TEST_JWT_SECRET): string =>
  signJwt({ sub, org_id: orgId, role, exp: inAnHour() }, secret);

/** Signs commands a test sends over Kafka as a service holding `scopes`. */
export const testCommandSigner = (scopes: readonly string[], sub = 'test-service', secret = TEST_JWT_SECRET) => hs256CommandSigner(secret, sub, scopes);
