// The panel area's code lists with their labels: members' roles, kinds of agenda item, and the
// recommendations and decisions each kind takes.

export const MEMBER_ROLES = {
  chair: 'Chair',
  'vice-chair': 'Vice-chair',
  'social-work': 'Social work member',
  independent: 'Independent member',
  'medical-adviser': 'Medical adviser',
  'legal-adviser': 'Legal adviser',
  'panel-adviser': 'Panel adviser',
} as const;
export type MemberRole = keyof typeof MEMBER_ROLES;

export const ITEM_KINDS = {
  approval: 'Approval of prospective adopters',
  match: 'Match of a child with adopters',
  review: 'Review of approval or de-registration',
  shobpa: 'Should be placed for adoption (relinquished child)',
} as const;
export type ItemKind = keyof typeof ITEM_KINDS;

/** What the panel recommends and the decision maker decides, by kind of item (the same choices for both). */
export const DECISIONS = {
  approval: { approve: 'Suitable to adopt', 'do-not-approve': 'Not suitable to adopt' },
  match: { match: 'The child should be placed with these adopters', 'do-not-match': 'The child should not be placed with these adopters' },
  review: { continue: 'Approval continues', 'de-register': 'No longer suitable: de-register' },
  shobpa: { place: 'The child should be placed for adoption', 'do-not-place': 'The child should not be placed for adoption' },
} as const satisfies Record<ItemKind, Record<string, string>>;
export type Decision = { [K in ItemKind]: keyof (typeof DECISIONS)[K] }[ItemKind];

export const ALL_DECISIONS: Record<Decision, string> = Object.assign({}, ...Object.values(DECISIONS));

export function decisionLabel(kind: ItemKind, decision: string | null): string | null {
  if (!decision) return null;
  return (DECISIONS[kind] as Record<string, string>)[decision] ?? null;
}
