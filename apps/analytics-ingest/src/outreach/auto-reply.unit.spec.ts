import { isAutomatedReply } from './auto-reply';

describe('seed 004: responses exclude automated replies (Out of Office)', () => {
  it('treats a reply the provider flagged as automated as automated', () => {
    expect(isAutomatedReply({ autoReply: true, subject: 'Re: Senior Java role' })).toBe(true);
  });

  it.each([
    'Out of Office: Re: Senior Java role',
    'Automatic reply: Senior Java role',
    'Auto-Reply: away',
    'AutoReply',
    'OOO until Monday',
    'Out of the office',
    'Abwesenheitsnotiz: Re: Job',
    'Réponse automatique : absent',
  ])('recognises the subject %p as an auto-reply', (subject) => expect(isAutomatedReply({ subject })).toBe(true));

  it("counts a person's reply as a response, even if its text mentions being out of office", () => {
    expect(isAutomatedReply({ subject: 'Re: Senior Java role' })).toBe(false);
    expect(isAutomatedReply({ autoReply: false, subject: 'Re: I am out of office next week but interested' })).toBe(false);
    expect(isAutomatedReply({})).toBe(false);
  });
});
