import { JwtError, signJwt, verifyJwt } from './jwt';

const SECRET = 'a-test-secret-that-is-long-enough-32';
const claims = { sub: '7d3f1c2a-1b2c-4d5e-8f90-0a1b2c3d4e5f', org_id: '123e4567-e89b-12d3-a456-426614174000', role: 'recruiter', exp: 2_000 };

describe('verifyJwt', () => {
  it('accepts a token signed with the secret and returns its claims', () => {
    expect(verifyJwt(signJwt(claims, SECRET), SECRET, 1_000)).toMatchObject({ sub: claims.sub, org_id: claims.org_id, role: 'recruiter' });
  });

  it('rejects a token signed with another secret', () => {
    expect(() => verifyJwt(signJwt(claims, 'another-secret-another-secret-000'), SECRET, 1_000)).toThrow(JwtError);
  });

  it('rejects a token whose payload was changed after signing', () => {
    const [header, , sig] = signJwt(claims, SECRET).split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims, org_id: '00000000-0000-4000-8000-000000000000' })).toString('base64url');
    expect(() => verifyJwt(`${header}.${forged}.${sig}`, SECRET, 1_000)).toThrow('signature');
  });

  it('rejects the none algorithm', () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    expect(() => verifyJwt(`${header}.${payload}.`, SECRET, 1_000)).toThrow('algorithm none');
  });

  it('rejects an expired token and one without exp', () => {
    expect(() => verifyJwt(signJwt(claims, SECRET), SECRET, 2_000)).toThrow('expired');
    const { exp: _exp, ...noExp } = claims;
    expect(() => verifyJwt(signJwt(noExp, SECRET), SECRET, 1_000)).toThrow('no exp');
  });

  it('requires org_id and sub to be UUIDs and a role', () => {
    expect(() => verifyJwt(signJwt({ ...claims, org_id: 'acme' }, SECRET), SECRET, 1_000)).toThrow('org_id');
    expect(() => verifyJwt(signJwt({ ...claims, sub: 42 }, SECRET), SECRET, 1_000)).toThrow('sub');
    expect(() => verifyJwt(signJwt({ ...claims, role: '' }, SECRET), SECRET, 1_000)).toThrow('role');
  });
});
