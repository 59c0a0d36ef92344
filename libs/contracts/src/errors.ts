/** Why a message could not be written or read; adapters route these to dead letters. */
export type ContractErrorCode = 'UNKNOWN_EVENT_TYPE' | 'UNKNOWN_COMMAND_TYPE' | 'SCHEMA_MISMATCH' | 'MALFORMED_MESSAGE' | 'EVENT_TOO_LARGE';

export class ContractError extends Error {
  constructor(
    readonly code: ContractErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ContractError';
  }
}
