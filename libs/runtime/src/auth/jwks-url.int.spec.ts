import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, SignJWT } from 'jose';
import { signJwt } from '../jwt';
import { authConfigSchema } from './auth.config';
import { createTokenVerifier, TokenError } from './token-verifier';

const SECRET = 'a-test-secret-that-is-long-enough-32';
const ORG = '123e4567-e89b-12d3-a456-426614174000';
const now = () => Math.floor(Date.now() / 1000);
const claims = () => ({ sub: '7d3f1c2a-1b2c-4d5e-8f90-0a1b2c3d4e5f', org_id: ORG, role: 'recruiter', iat: now(), exp: now() + 600 });
const dir = mkdtempSync(join(tmpdir(), 'auth-'));

/** Keys fetched over HTTP from an identity provider's JWKS endpoint (a local stand-in). */
describe('the token verifier behind an identity provider', () => {
  it("verifies RS256 against an identity provider's JWKS URL", async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'idp-1', alg: 'RS256' }] });
    const server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(jwks));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
      const signingKey = join(dir, 'service.pem');
      writeFileSync(signingKey, privateKey.export({ type: 'pkcs8', format: 'pem' }));
      const idp = createTokenVerifier(authConfigSchema.parse({ JWT_JWKS_URL: url, SERVICE_SIGNING_KEY_FILE: signingKey }));
      await expect(idp.verify(await new SignJWT(claims()).setProtectedHeader({ alg: 'RS256', kid: 'idp-1' }).sign(privateKey))).resolves.toMatchObject({
        orgId: ORG,
      });
      await expect(idp.verify(signJwt(claims(), SECRET))).rejects.toThrow(TokenError);
    } finally {
      server.close();
    }
  });
});
