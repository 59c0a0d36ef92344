import { given } from '../testing';
import { emailListDecider, type EmailListEvent, type SubscribeEmail } from './email-list';
import { METADATA, NOW, ORG_ID } from './testing';

const listId = '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f';
const subscriberId = '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a';
const list: EmailListEvent[] = [{ type: 'EmailListCreated', data: { orgId: ORG_ID, listId, name: 'News', description: null, createdAt: NOW } }];
const subscribe = (email: string): SubscribeEmail => ({ type: 'SubscribeEmail', data: { subscriberId, listId, email }, metadata: METADATA });

describe('email subscribers (seed 001 email_subscribers PRIMARY KEY (email, list_id))', () => {
  it('the email is kept trimmed and lower-case, as the claim of (list, email) compares it', () => {
    given(emailListDecider, list)
      .when(subscribe('  Ada@Example.COM '))
      .then([{ type: 'EmailSubscribed', data: { orgId: ORG_ID, subscriberId, listId, email: 'ada@example.com', customerId: null, subscribedAt: NOW } }]);
  });

  it('an address the email_subscribers.email column cannot hold (a NUL, over 255 characters) is refused at the door', () => {
    given(emailListDecider, list)
      .when(subscribe('ada\u0000@example.com'))
      .thenRejects('EMAIL_LIST_INVALID', { details: { field: 'email' } });
    given(emailListDecider, list)
      .when(subscribe(`${'a'.repeat(250)}@example.com`))
      .thenRejects('EMAIL_LIST_INVALID', { details: { field: 'email' } });
  });
});
