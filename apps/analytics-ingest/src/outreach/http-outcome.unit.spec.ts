import { outreach } from '@campaign/domain';
import { httpStatusOfRejection } from './http-outcome';

const Code = outreach.OutreachErrorCode;

describe('rejections of outside facts over HTTP', () => {
  it('answers 404 when the contact or campaign does not exist', () => {
    expect(httpStatusOfRejection(Code.CONTACT_NOT_FOUND)).toBe(404);
    expect(httpStatusOfRejection(Code.CAMPAIGN_NOT_FOUND)).toBe(404);
  });

  it('answers 409 when the fact does not fit the contact (an open of a never-sent contact)', () => {
    expect(httpStatusOfRejection(Code.CONTACT_INVALID_STATUS)).toBe(409);
    expect(httpStatusOfRejection(Code.CONTACT_UNSUBSCRIBED)).toBe(409);
    expect(httpStatusOfRejection(Code.CONTACT_BOUNCED)).toBe(409);
  });

  it('answers 422 for an invalid fact and 503 when the command side failed', () => {
    expect(httpStatusOfRejection(Code.CONTACT_INVALID)).toBe(422);
    expect(httpStatusOfRejection('INTERNAL_ERROR')).toBe(503);
  });

  it('answers 422, never a retryable 5xx, for content the command side or the contract refuses', () => {
    expect(httpStatusOfRejection('INVALID_TEXT')).toBe(422);
    expect(httpStatusOfRejection('SCHEMA_MISMATCH')).toBe(422);
  });
});
