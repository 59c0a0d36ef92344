// The ads context's stand-ins for what lies outside: the ad platforms' APIs and the Anthropic API.
export * from './anthropic-standin';
export * from './platforms';
