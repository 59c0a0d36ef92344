export { isSealed, keyIdOf, lookupOf, open, seal, SealedValueError } from './cipher';
export * from './keys';
export * from './personal-data';
export { sealLegacyEvents } from './legacy';
