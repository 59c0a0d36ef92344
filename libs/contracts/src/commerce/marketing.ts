import { instant, nullableJson, nullableStrings, record, strings } from '../avro-fields';
import { NS } from './namespace';

/**
 * Avro schemas of the commerce marketing messages (libs/domain/src/commerce/{segment,campaign,
 * content,email-list}.ts): segments with their rules (a JSON object) or listed members, campaigns,
 * content, email lists and subscribers. A subscriber's email is sealed (personal-data.ts).
 */
const event = (name: string, fields: readonly object[]) => record(name, `${NS}.events`, fields);
const command = (name: string, fields: readonly object[]) => record(name, `${NS}.commands`, fields);
const ids = { name: 'customerIds', type: { type: 'array', items: 'string' } } as const;

const segmentRef = strings('orgId', 'segmentId');
const campaignRef = strings('orgId', 'campaignId');
const campaignFields = nullableStrings('goalId', 'ownerAgentId', 'targetSegmentId', 'channel', 'budget', 'currency', 'startsAt', 'endsAt');
const contentRef = strings('orgId', 'contentId');
const subscriberRef = strings('orgId', 'subscriberId', 'listId');

export const marketingEventSchemas = {
  SegmentCreated: event('SegmentCreated', [
    ...segmentRef,
    ...strings('name'),
    ...nullableStrings('description'),
    ...strings('kind'),
    nullableJson('rules'),
    instant('createdAt'),
  ]),
  SegmentUpdated: event('SegmentUpdated', [...segmentRef, ...strings('name'), ...nullableStrings('description'), nullableJson('rules'), instant('updatedAt')]),
  SegmentMembersAdded: event('SegmentMembersAdded', [...segmentRef, ids, instant('addedAt')]),
  SegmentMembersRemoved: event('SegmentMembersRemoved', [...segmentRef, ids, instant('removedAt')]),
  SegmentDeleted: event('SegmentDeleted', [...segmentRef, instant('deletedAt')]),
  CampaignCreated: event('CampaignCreated', [...campaignRef, ...strings('name'), ...campaignFields, ...strings('status'), instant('createdAt')]),
  CampaignUpdated: event('CampaignUpdated', [...campaignRef, { name: 'changes', type: { type: 'string', logicalType: 'json' } }, instant('updatedAt')]),
  CampaignStatusChanged: event('CampaignStatusChanged', [...campaignRef, ...strings('from', 'to'), instant('changedAt')]),
  CampaignDeleted: event('CampaignDeleted', [...campaignRef, instant('deletedAt')]),
  ContentCreated: event('ContentCreated', [
    ...contentRef,
    ...nullableStrings('campaignId', 'createdByAgentId'),
    ...strings('title'),
    ...nullableStrings('body'),
    ...strings('contentType'),
    instant('createdAt'),
  ]),
  ContentRevised: event('ContentRevised', [...contentRef, ...strings('title'), ...nullableStrings('body'), instant('revisedAt')]),
  ContentStatusChanged: event('ContentStatusChanged', [...contentRef, ...strings('from', 'to'), instant('changedAt')]),
  EmailListCreated: event('EmailListCreated', [...strings('orgId', 'listId', 'name'), ...nullableStrings('description'), instant('createdAt')]),
  EmailListDeleted: event('EmailListDeleted', [...strings('orgId', 'listId'), instant('deletedAt')]),
  EmailSubscribed: event('EmailSubscribed', [...subscriberRef, ...strings('email'), ...nullableStrings('customerId'), instant('subscribedAt')]),
  EmailResubscribed: event('EmailResubscribed', [...subscriberRef, instant('subscribedAt')]),
  EmailUnsubscribed: event('EmailUnsubscribed', [...subscriberRef, instant('unsubscribedAt')]),
};

export const marketingCommandSchemas = {
  CreateSegment: command('CreateSegment', [...strings('segmentId', 'name', 'kind'), ...nullableStrings('description'), nullableJson('rules')]),
  UpdateSegment: command('UpdateSegment', [...strings('segmentId'), ...nullableStrings('name', 'description'), nullableJson('rules')]),
  AddSegmentMembers: command('AddSegmentMembers', [...strings('segmentId'), ids]),
  RemoveSegmentMembers: command('RemoveSegmentMembers', [...strings('segmentId'), ids]),
  DeleteSegment: command('DeleteSegment', strings('segmentId')),
  CreateCampaign: command('CreateCampaign', [...strings('campaignId', 'name'), ...campaignFields]),
  UpdateCampaign: command('UpdateCampaign', [...strings('campaignId'), ...nullableStrings('name'), ...campaignFields]),
  ChangeCampaignStatus: command('ChangeCampaignStatus', strings('campaignId', 'status')),
  DeleteCampaign: command('DeleteCampaign', strings('campaignId')),
  CreateContent: command('CreateContent', [...strings('contentId', 'title', 'contentType'), ...nullableStrings('body', 'campaignId', 'createdByAgentId')]),
  ReviseContent: command('ReviseContent', [...strings('contentId'), ...nullableStrings('title', 'body')]),
  ChangeContentStatus: command('ChangeContentStatus', strings('contentId', 'status')),
  CreateEmailList: command('CreateEmailList', [...strings('listId', 'name'), ...nullableStrings('description')]),
  DeleteEmailList: command('DeleteEmailList', strings('listId')),
  SubscribeEmail: command('SubscribeEmail', [...strings('subscriberId', 'listId', 'email'), ...nullableStrings('customerId')]),
  UnsubscribeEmail: command('UnsubscribeEmail', strings('subscriberId', 'listId')),
};
