import { LegacyImportError, outcomeOf } from './command-door.client';

describe("how campaign-command's answers count in an import", () => {
  it('counts a 201 as created, and a repeat of the same key (duplicate: true) as already there', () => {
    expect(outcomeOf(201, { status: 'ACCEPTED', duplicate: false })).toMatchObject({ kind: 'created' });
    expect(outcomeOf(201, { status: 'ACCEPTED', duplicate: true })).toMatchObject({ kind: 'already' });
  });

  it('counts *_ALREADY_EXISTS (the key forgotten after its window, the id it names taken) as already there', () => {
    expect(outcomeOf(409, { code: 'CONTENT_ALREADY_EXISTS' })).toMatchObject({ kind: 'already' });
  });

  it("counts any other refusal as rejected with the command side's code", () => {
    expect(outcomeOf(404, { code: 'CAMPAIGN_NOT_FOUND', message: 'no such campaign' })).toEqual({
      kind: 'rejected',
      code: 'CAMPAIGN_NOT_FOUND',
      message: 'no such campaign',
    });
    expect(outcomeOf(422, { code: 'IDEMPOTENCY_KEY_REUSED' })).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(outcomeOf(400, {})).toMatchObject({ kind: 'rejected', code: 'HTTP_400' });
  });

  it('stops the run when the token is refused: every further row would be too', () => {
    expect(() => outcomeOf(403, { code: 'ORCHESTRATION_ROLE_REQUIRED' })).toThrow(LegacyImportError);
    expect(() => outcomeOf(401, { code: 'UNAUTHORIZED' })).toThrow(/refused the operator's token/);
  });
});
