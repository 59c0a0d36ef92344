import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SignJWT } from 'jose';
import { type AuthConfig, authConfigSchema } from './auth.config';
import { messageDigest } from './token-verifier';

/** The Kafka header a signed command envelope carries its token in. */
export const COMMAND_AUTH_HEADER = 'authorization';

/** Signs each command a service sends, so the command door knows who sent it (not what it says). */
export interface CommandSigner {
  sign(value: Buffer): Promise<string>;
}

/** How long a command's token is good for: long enough for a backlog, short enough to be useless later. */
const COMMAND_TOKEN_SECONDS = 3_600;

const algorithmOf = (key: KeyObject): 'RS256' | 'ES256' => {
  if (key.asymmetricKeyType === 'rsa') return 'RS256';
  if (key.asymmetricKeyType === 'ec') return 'ES256';
  throw new Error(`SERVICE_SIGNING_KEY_FILE holds a ${key.asymmetricKeyType} key; RSA or EC P-256 is needed`);
};

/**
 * A signer for one service: its name is the token's subject, its scopes what it may do.
 * With SERVICE_SIGNING_KEY_FILE it signs with its own private key (the verifier finds the
 * public one in the identity provider's JWKS by kid); locally with the shared HS256 secret.
 */
export const createCommandSigner = (config: AuthConfig, service: string, scopes: readonly string[]): CommandSigner => {
  const privateKey = config.SERVICE_SIGNING_KEY_FILE ? createPrivateKey(readFileSync(config.SERVICE_SIGNING_KEY_FILE, 'utf8')) : null;
  const key = privateKey ?? new TextEncoder().encode(config.JWT_SECRET ?? '');
  const alg = privateKey ? algorithmOf(privateKey) : 'HS256';
  return {
    sign(value) {
      const now = Math.floor(Date.now() / 1000);
      let jwt = new SignJWT({ scope: scopes.join(' '), msg: messageDigest(value) })
        .setProtectedHeader({ alg, typ: 'JWT', ...(config.SERVICE_SIGNING_KEY_ID ? { kid: config.SERVICE_SIGNING_KEY_ID } : {}) })
        .setSubject(service)
        .setIssuedAt(now)
        .setExpirationTime(now + COMMAND_TOKEN_SECONDS);
      if (config.JWT_ISSUER) jwt = jwt.setIssuer(config.JWT_ISSUER);
      if (config.JWT_AUDIENCE) jwt = jwt.setAudience(config.JWT_AUDIENCE);
      return jwt.sign(key);
    },
  };
};

/** A signer with the shared HS256 secret (tests, benches and local tools). */
export const hs256CommandSigner = (secret: string, service: string, scopes: readonly string[]): CommandSigner =>
  createCommandSigner(authConfigSchema.parse({ JWT_SECRET: secret }), service, scopes);
