import type { PersonalFieldsSpec } from '../context-contract';

/**
 * seed 001's customer data that identifies a person — email, names, phone — sealed in every
 * event under the key of the customer's stream (sealing takes whole text fields: a change of
 * contact is an event of its own, CustomerContactChanged, not an entry in an update's `changes`). Agents, products, orders and money are the shop's, not a person's, and stay
 * readable; an order names its customer by id only.
 */
export const commercePersonalFields: Readonly<Record<string, PersonalFieldsSpec>> = {
  CustomerRegistered: { fields: ['email', 'firstName', 'lastName', 'phone'], identifiers: { email: 'email' } },
  CustomerContactChanged: { fields: ['firstName', 'lastName', 'phone'] },
  CustomerEmailChanged: { fields: ['fromEmail', 'email'], identifiers: { email: 'email' } },
  CustomerDeleted: { fields: ['email'], identifiers: { email: 'email' } },
  // A subscriber is a stream of its own, so its email is sealed under its own key.
  EmailSubscribed: { fields: ['email'], identifiers: { email: 'email' } },
};
