export * from './auth.config';
export * from './command-signer';
export * from './http-auth';
export * from './principal';
export * from './token-verifier';
