/**
 * The referral routes of a scenario's `referrals.sourceMix`, in the order the model draws them
 * (src/model/patient-pool.ts). Apart from schema.ts so that the model does not load zod.
 */
export const SOURCES = ['gp', 'nurse', 'reception', 'self', 'other'] as const;
export type ReferralSource = (typeof SOURCES)[number];
