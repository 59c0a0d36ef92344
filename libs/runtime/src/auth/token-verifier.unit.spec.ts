import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, SignJWT } from 'jose';
import { ConfigError } from '../config';
import { signJwt } from '../jwt';
import { authConfigSchema } from './auth.config';
import { createCommandSigner } from './command-signer';
import { createTokenVerifier, TokenError } from './token-verifier';

const SECRET = 'a-test-secret-that-is-long-enough-32';
const ORG = '123e4567-e89b-12d3-a456-426614174000';
const USER = '7d3f1c2a-1b2c-4d5e-8f90-0a1b2c3d4e5f';
const now = () => Math.floor(Date.now() / 1000);
const claims = () => ({ sub: USER, org_id: ORG, role: 'recruiter', iat: now(), exp: now() + 600 });
const verifier = (env: Record<string, string> = {}) => createTokenVerifier(authConfigSchema.parse({ JWT_SECRET: SECRET, ...env }));
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const dir = mkdtempSync(join(tmpdir(), 'auth-'));

describe('the token verifier (one for every app)', () => {
  it('accepts an HS256 token signed with the secret and names the principal', async () => {
    const principal = await verifier().verify(signJwt(claims(), SECRET));
    expect(principal).toMatchObject({ subject: USER, orgId: ORG, role: 'recruiter', actor: `user:${USER}` });
  });

  it('reads scopes from `scope` or `scp`, and a token without org_id is a service', async () => {
    const service = await verifier().verify(signJwt({ sub: 'timer-scheduler', scope: 'lifecycle:write timers:read', iat: now(), exp: now() + 60 }, SECRET));
    expect(service).toMatchObject({ orgId: null, actor: 'service:timer-scheduler' });
    expect([...service.scopes]).toEqual(['lifecycle:write', 'timers:read']);
    const scp = await verifier().verify(signJwt({ sub: 'analyst', scp: ['lifecycle:read'], iat: now(), exp: now() + 60 }, SECRET));
    expect([...scp.scopes]).toEqual(['lifecycle:read']);
  });

  it('refuses another secret, a changed payload and the none algorithm', async () => {
    await expect(verifier().verify(signJwt(claims(), 'another-secret-another-secret-000'))).rejects.toThrow(TokenError);
    const [header, , sig] = signJwt(claims(), SECRET).split('.');
    await expect(verifier().verify(`${header}.${b64({ ...claims(), org_id: '00000000-0000-4000-8000-000000000000' })}.${sig}`)).rejects.toThrow(TokenError);
    await expect(verifier().verify(`${b64({ alg: 'none' })}.${b64(claims())}.`)).rejects.toThrow(TokenError);
  });

  it('refuses expired tokens beyond the clock tolerance, and accepts them within it', async () => {
    const expired = signJwt({ ...claims(), iat: now() - 100, exp: now() - 10 }, SECRET);
    await expect(verifier({ JWT_CLOCK_TOLERANCE_SECONDS: '0' }).verify(expired)).rejects.toThrow(TokenError);
    await expect(verifier({ JWT_CLOCK_TOLERANCE_SECONDS: '30' }).verify(expired)).resolves.toMatchObject({ subject: USER });
  });

  it('requires exp, iat and sub, and refuses a token that lives longer than the maximum lifetime', async () => {
    const { exp: _e, ...noExp } = claims();
    await expect(verifier().verify(signJwt(noExp, SECRET))).rejects.toThrow(TokenError);
    await expect(verifier().verify(signJwt({ ...claims(), exp: now() + 2 * 86_400 }, SECRET))).rejects.toThrow('longer than 86400');
    await expect(verifier({ JWT_MAX_LIFETIME_SECONDS: '172900' }).verify(signJwt({ ...claims(), exp: now() + 2 * 86_400 }, SECRET))).resolves.toBeDefined();
  });

  it('checks issuer and audience when they are configured', async () => {
    const env = { JWT_ISSUER: 'https://id.example', JWT_AUDIENCE: 'campaign-platform' };
    await expect(verifier(env).verify(signJwt(claims(), SECRET))).rejects.toThrow(TokenError);
    await expect(verifier(env).verify(signJwt({ ...claims(), iss: 'https://id.example', aud: 'campaign-platform' }, SECRET))).resolves.toBeDefined();
    await expect(verifier(env).verify(signJwt({ ...claims(), iss: 'https://evil.example', aud: 'campaign-platform' }, SECRET))).rejects.toThrow(TokenError);
  });

  it('refuses claims the platform cannot act on: a non-UUID org, text PostgreSQL cannot hold in a role or sub', async () => {
    await expect(verifier().verify(signJwt({ ...claims(), org_id: 'acme' }, SECRET))).rejects.toThrow('org_id');
    await expect(verifier().verify(signJwt({ ...claims(), role: 'admin\u0000' }, SECRET))).rejects.toThrow('role');
    await expect(verifier().verify(signJwt({ ...claims(), sub: 'x\ud800' }, SECRET))).rejects.toThrow('sub');
  });

  it('verifies RS256 with a PEM public key file, and refuses an HS256 token forged with that public key as secret', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const file = join(dir, 'rsa.pem');
    writeFileSync(file, pem);
    const rsa = createTokenVerifier(authConfigSchema.parse({ JWT_PUBLIC_KEY_FILE: file, SERVICE_SIGNING_KEY_FILE: file }));
    const token = await new SignJWT(claims()).setProtectedHeader({ alg: 'RS256' }).sign(privateKey);
    await expect(rsa.verify(token)).resolves.toMatchObject({ orgId: ORG });
    await expect(rsa.verify(signJwt(claims(), pem))).rejects.toThrow(TokenError);
  });

  it('verifies ES256 against a JWKS file by key id', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const file = join(dir, 'jwks.json');
    writeFileSync(file, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' }] }));
    const es = createTokenVerifier(authConfigSchema.parse({ JWT_PUBLIC_KEY_FILE: file, SERVICE_SIGNING_KEY_FILE: file }));
    await expect(es.verify(await new SignJWT(claims()).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).sign(privateKey))).resolves.toBeDefined();
    await expect(es.verify(await new SignJWT(claims()).setProtectedHeader({ alg: 'ES256', kid: 'k2' }).sign(privateKey))).rejects.toThrow(TokenError);
  });

  it('binds a signed command envelope to its bytes: the same token on other bytes is refused', async () => {
    const signer = createCommandSigner(authConfigSchema.parse({ JWT_SECRET: SECRET }), 'timer-scheduler', ['lifecycle:write']);
    const value = Buffer.from('command bytes');
    const token = await signer.sign(value);
    await expect(verifier().verify(token, { bindTo: value })).resolves.toMatchObject({ actor: 'service:timer-scheduler' });
    await expect(verifier().verify(token, { bindTo: Buffer.from('other bytes') })).rejects.toThrow('not issued for this message');
  });

  it('will not start without a key to verify with', () => {
    expect(() => createTokenVerifier(authConfigSchema.parse({}))).toThrow(ConfigError);
  });
});
