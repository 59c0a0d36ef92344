/** The marker byte every message of the platform starts with (envelope.ts, record-codec.ts). */
export const FORMAT_V1 = 0x01;
