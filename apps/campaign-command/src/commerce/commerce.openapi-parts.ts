/** What the commerce context's OpenAPI paths share: headers, bodies, answers by status. */
import { acceptedOutcome, commandId, rejection, uuid } from '../shared/openapi-parts';

export { uuid };

export const text = (maxLength?: number) => ({ type: ['string', 'null'], ...(maxLength ? { maxLength } : {}) });
export const money = { type: ['string', 'number'], description: 'A decimal amount, at most 2 decimals (a string keeps it exact)' };
export const jsonObject = { type: ['object', 'null'], additionalProperties: true };
export const status = (values: readonly string[]) => ({ status: { enum: values } });

export const headers = [
  {
    name: 'Authorization',
    in: 'header',
    required: true,
    schema: { type: 'string' },
    description: 'Bearer JWT of a person: sub, org_id (UUIDs), role (viewer reads; editor and admin write)',
  },
  { name: 'Idempotency-Key', in: 'header', schema: { type: 'string' }, description: 'The command id; a repeat returns the first outcome and writes nothing' },
  { name: 'X-Correlation-Id', in: 'header', schema: { type: 'string' } },
];

export const pathId = (name: string) => ({ name, in: 'path', required: true, schema: uuid });
export const pathText = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });

export const body = (properties: Record<string, unknown>, required: string[] = []) => ({
  required: true,
  content: { 'application/json': { schema: { type: 'object', additionalProperties: false, required, properties: { commandId, ...properties } } } },
});

/** The answers of a route: accepted with its ids, or a typed rejection by its family. */
export const responses = (code: '200' | '201', ids: Record<string, unknown>, conflicts: string, invalid: string) => ({
  [code]: {
    description: 'Accepted',
    content: { 'application/json': { schema: acceptedOutcome(ids, 'Empty when nothing changed (a repeat of what is recorded)') } },
  },
  '400': { description: 'Malformed request (INVALID_REQUEST, with every problem listed; unknown fields included)', ...rejection },
  '401': { description: 'No valid bearer JWT (UNAUTHORIZED)', ...rejection },
  '403': { description: 'COMMERCE_ROLE_REQUIRED: viewers read only; TENANT_REQUIRED: the token names no org', ...rejection },
  '404': { description: '*_NOT_FOUND (another org’s ids are not found either)', ...rejection },
  '409': { description: conflicts, ...rejection },
  '422': { description: `${invalid}; IDEMPOTENCY_KEY_REUSED`, ...rejection },
});

/** One operation: a summary, its parameters (path ids first), its body, its answers. */
export const operation = (summary: string, parameters: unknown[], requestBody: unknown, answers: Record<string, unknown>) => ({
  summary,
  parameters: [...parameters, ...headers],
  ...(requestBody ? { requestBody } : {}),
  responses: answers,
});
