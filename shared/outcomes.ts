// The outcome catalogue and the structured parts of a visit record.
export const outcomes = [
  'met_debtor',
  'met_family',
  'met_colleague',
  'nobody_home',
  'address_not_found',
  'moved_away',
  'refused',
  'promise_to_pay',
  'paid_official_channel',
  'disputes_debt',
  'claims_fraud',
  'hardship',
] as const;
export type Outcome = (typeof outcomes)[number];

/** Who the collector spoke to. Third parties are never told about the debt. */
export const metPersons = ['debtor', 'spouse', 'parent', 'child', 'relative', 'colleague', 'employer', 'neighbour', 'property_management', 'nobody', 'other'] as const;
export type MetPerson = (typeof metPersons)[number];
export const thirdParties: readonly MetPerson[] = ['colleague', 'employer', 'neighbour', 'property_management', 'other'];
/** A contact, in team results: the collector met the debtor or a member of the debtor's family. */
export const contactPersons: readonly MetPerson[] = ['debtor', 'spouse', 'parent', 'child', 'relative'];

export const abilityWillingness = ['able_willing', 'able_unwilling', 'unable_willing', 'unable_unwilling'] as const;
export type AbilityWillingness = (typeof abilityWillingness)[number];

export const employmentStatuses = ['employed', 'self_employed', 'unemployed', 'retired', 'student', 'unknown'] as const;
export const incomeSources = ['salary', 'business', 'pension', 'benefits', 'family_support', 'none', 'unknown'] as const;
export const assetKinds = ['home_owned', 'home_rented', 'car', 'shop', 'land', 'valuables', 'none_seen'] as const;
export const healthStatuses = ['good', 'chronic_illness', 'serious_illness', 'disability', 'unknown'] as const;
