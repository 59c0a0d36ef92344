import { accepted, given } from '../testing';
import { customerGuards, type CustomerEvent, emailKey } from './customer';
import { customerDecider } from './customer.decide';
import { agentId, AS_SERVICE, AS_VIEWER, at, command, customerId, customerWith, decided, interactionId, NOW, ORG_ID, registryOf } from './testing';

const registry = registryOf(3);
const customer = [...registry, ...customerWith([], registry)];
const claim = (email: string) => ({ kind: 'claim', key: `email:${email}`, code: 'CUSTOMER_EMAIL_TAKEN' });
const release = (email: string) => ({ kind: 'release', key: `email:${email}` });
const guardsOf = (events: readonly unknown[]) => events.flatMap((e) => customerDecider.guardsOf?.(e as CustomerEvent) ?? []);
const emailChanged = (fromEmail: string, email: string): CustomerEvent => ({
  type: 'CustomerEmailChanged',
  data: { orgId: ORG_ID, customerId: customerId(1), fromEmail, email, changedAt: NOW },
});

describe('when the customer does not exist', () => {
  it('RegisterCustomer records CustomerRegistered with the email trimmed and in lower case', () => {
    given(customerDecider)
      .when(command.registerCustomer({ email: '  Ada@Example.COM ', firstName: 'Ada' }))
      .then([
        {
          type: 'CustomerRegistered',
          data: {
            orgId: ORG_ID,
            customerId: customerId(1),
            email: 'ada@example.com',
            firstName: 'Ada',
            lastName: null,
            phone: null,
            acceptsMarketing: false,
            attributes: {},
            registeredAt: NOW,
          },
        },
      ]);
  });

  it.each(['ada', 'ada@', '@example.com', 'ada @example.com', ''])('an email %p is refused as CUSTOMER_INVALID', (email) => {
    given(customerDecider)
      .when(command.registerCustomer({ email }))
      .thenRejects('CUSTOMER_INVALID', { details: { field: 'email' } });
  });

  it('a viewer may not register customers (COMMERCE_ROLE_REQUIRED); a service may', () => {
    given(customerDecider).when(command.registerCustomer({}, AS_VIEWER)).thenRejects('COMMERCE_ROLE_REQUIRED');
    expect(accepted(given(customerDecider).when(command.registerCustomer({}, AS_SERVICE)))).toHaveLength(1);
  });

  it('commands on a customer that does not exist are refused as CUSTOMER_NOT_FOUND', () => {
    given(customerDecider).when(command.changeEmail()).thenRejects('CUSTOMER_NOT_FOUND');
    given(customerDecider, registry).when(command.recordInteraction()).thenRejects('CUSTOMER_NOT_FOUND');
  });
});

describe('when the customer is registered', () => {
  it('ChangeCustomerEmail records the change from the old address, in lower case', () => {
    given(customerDecider, customer)
      .when(command.changeEmail({ email: 'Ada@Lovelace.org' }))
      .then([
        {
          type: 'CustomerEmailChanged',
          data: { orgId: ORG_ID, customerId: customerId(1), fromEmail: 'ada@example.com', email: 'ada@lovelace.org', changedAt: NOW },
        },
      ]);
  });

  // seed 001 (line 347): CREATE UNIQUE INDEX idx_customers_email — one address, whatever its case
  it('idx_customers_email: changing the email to the same address in another case records nothing', () => {
    given(customerDecider, customer)
      .when(command.changeEmail({ email: 'ADA@example.com' }))
      .thenNothing();
  });

  // seed 001 (line 181–182): customer_interactions.agent_id references agents(id)
  it('customer_interactions.agent_id: an interaction names a registered agent, or none', () => {
    given(customerDecider, customer)
      .when(command.recordInteraction({ agentId: agentId(9) }))
      .thenRejects('AGENT_NOT_FOUND', { details: { agentId: agentId(9), field: 'agentId' } });
    expect(accepted(given(customerDecider, customer).when(command.recordInteraction({ agentId: null })))[0].data).toMatchObject({ agentId: null });
  });

  it('an interaction is recorded once per id, at its occurredAt (default: now)', () => {
    const recorded = decided(customerDecider, customer, command.recordInteraction({ agentId: agentId(2), occurredAt: at(-60) }));
    expect(recorded.at(-1)?.data).toMatchObject({ interactionId: interactionId(1), agentId: agentId(2), occurredAt: at(-60), recordedAt: NOW });
    given(customerDecider, recorded)
      .when(command.recordInteraction({ agentId: agentId(2) }))
      .thenNothing();
    expect(accepted(given(customerDecider, customer).when(command.recordInteraction()))[0].data).toMatchObject({ occurredAt: NOW });
  });

  it('DeleteCustomer records CustomerDeleted with the email it lets go; a second delete records nothing', () => {
    const deleted = decided(customerDecider, customer, command.deleteCustomer());
    expect(deleted.at(-1)).toEqual({ type: 'CustomerDeleted', data: { orgId: ORG_ID, customerId: customerId(1), email: 'ada@example.com', deletedAt: NOW } });
    given(customerDecider, deleted).when(command.deleteCustomer()).thenNothing();
    given(customerDecider, deleted)
      .when(command.updateCustomer({ firstName: 'Ada' }))
      .thenRejects('CUSTOMER_NOT_FOUND');
  });

  it('UpdateCustomer records only the fields that change; acceptsMarketing is a boolean', () => {
    given(customerDecider, customer)
      .when(command.updateCustomer({ acceptsMarketing: true, attributes: { country: 'FR' } }))
      .then([
        {
          type: 'CustomerUpdated',
          data: { orgId: ORG_ID, customerId: customerId(1), changes: { acceptsMarketing: true, attributes: { country: 'FR' } }, updatedAt: NOW },
        },
      ]);
    given(customerDecider, customer)
      .when(command.updateCustomer({ acceptsMarketing: 'yes' as unknown as boolean }))
      .thenRejects('CUSTOMER_INVALID', { details: { field: 'acceptsMarketing' } });
  });
});

describe('a change of contact (personal data, sealed as whole text fields)', () => {
  it('is an event of its own carrying the whole contact, beside the profile changes', () => {
    given(customerDecider, customer)
      .when(command.updateCustomer({ firstName: 'Ada', acceptsMarketing: true }))
      .then([
        { type: 'CustomerContactChanged', data: { orgId: ORG_ID, customerId: customerId(1), firstName: 'Ada', lastName: null, phone: null, changedAt: NOW } },
        { type: 'CustomerUpdated', data: { orgId: ORG_ID, customerId: customerId(1), changes: { acceptsMarketing: true }, updatedAt: NOW } },
      ]);
  });
});

describe('guardsOf (idx_customers_email: the email claimed across the shop)', () => {
  // seed 001 (line 347): CREATE UNIQUE INDEX idx_customers_email ON customers(email)
  it('idx_customers_email: CustomerRegistered claims its email', () => {
    expect(guardsOf(customer)).toMatchObject([claim('ada@example.com')]);
  });

  // seed 001 (line 347): idx_customers_email — emails compare without case
  it('idx_customers_email: the claim key is the email trimmed and in lower case', () => {
    expect(emailKey(' Ada@Example.COM ')).toBe('email:ada@example.com');
    expect(customerGuards(emailChanged('x@example.com', 'Ada@Example.com'))).toMatchObject([release('x@example.com'), claim('ada@example.com')]);
  });

  // seed 001 (line 347): idx_customers_email — a change lets the old address go and claims the new one
  it('idx_customers_email: CustomerEmailChanged releases the old address, then claims the new one', () => {
    const changed = accepted(given(customerDecider, customer).when(command.changeEmail()));
    expect(guardsOf(changed)).toMatchObject([release('ada@example.com'), claim('ada@lovelace.org')]);
  });

  // seed 001 (line 347): idx_customers_email — one address in another case is the same claim
  it('idx_customers_email: an email change in case only keeps the claim it has', () => {
    expect(customerGuards(emailChanged('Ada@Example.com', 'ada@example.com'))).toEqual([]);
  });

  // seed 001 (line 347): idx_customers_email — a deleted customer's email may be registered again
  it('idx_customers_email: CustomerDeleted releases its email', () => {
    expect(guardsOf(accepted(given(customerDecider, customer).when(command.deleteCustomer())))).toEqual([release('ada@example.com')]);
  });

  it('updates and interactions hold nothing', () => {
    const events = [command.updateCustomer({ lastName: 'Lovelace' }), command.recordInteraction()].flatMap((c) =>
      accepted(given(customerDecider, customer).when(c)),
    );
    expect(events).toHaveLength(2);
    expect(guardsOf(events)).toEqual([]);
  });
});
