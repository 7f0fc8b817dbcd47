// What the panel asks of the matching area (the shared plan for issue 13): a link's summary as
// the person may see it, the matching panel milestone when the panel recommends a match, and
// the agency decision maker's match decision. Loaded when first needed.
import type { RequestContext } from '../core/access.ts';
import type { Db } from '../core/db.ts';

export interface LinkSummary {
  id: string;
  householdId: string;
  householdReference: string;
  householdOwnerId: string;
  childIds: string[];
  childNames: string[];
  placingAuthorityId: string;
  status: string;
}

export interface MatchingForPanel {
  /** Undefined when there is no such link or the person may not see it. */
  linkSummary(db: Db, ctx: RequestContext, linkId: string): Promise<LinkSummary | undefined>;
  recordMatchingPanelIn(tx: Db, ctx: RequestContext, input: { linkId: string; panelOn: string }): Promise<void>;
  recordMatchDecisionIn(tx: Db, ctx: RequestContext, input: { linkId: string; decidedOn: string }): Promise<void>;
}

const MATCHING_SERVICE = '../matching/service.ts';
let loaded: Promise<MatchingForPanel> | undefined;

export function matching(): Promise<MatchingForPanel> {
  loaded ??= import(MATCHING_SERVICE) as Promise<MatchingForPanel>;
  return loaded;
}
