/** The namespace of every commerce record. */
export const NS = 'campaign.commerce';
