// The reports beyond the scorecard (the shared data set's other measures and the statutory-style
// lists), each in its own file here; the report registry (../reports.ts) lists these after its own.
import type { Report } from '../report.ts';
import { adopterFunnel } from './adopter-funnel.ts';
import { adopterTimeliness } from './adopter-timeliness.ts';
import { adoptersWaiting } from './adopters-waiting.ts';
import { annexAList10 } from './annex-a-list-10.ts';
import { annexAList11 } from './annex-a-list-11.ts';
import { asglbAdopters, asglbChildren } from './asglb.ts';
import { ceasedAdopted } from './ceased-adopted.ts';
import { childrenWaiting } from './children-waiting.ts';
import { disruptions } from './disruptions.ts';
import { earlyPermanence } from './early-permanence.ts';
import { interAgency } from './inter-agency.ts';
import { linksDeclined } from './links-declined.ts';
import { permanenceOrders } from './permanence-orders.ts';
import { waitingLonger } from './waiting-longer.ts';

export const MORE_REPORTS: readonly Report[] = [
  childrenWaiting, adoptersWaiting, adopterTimeliness, adopterFunnel, ceasedAdopted, permanenceOrders,
  disruptions, earlyPermanence, waitingLonger, linksDeclined, interAgency, annexAList10, annexAList11,
  asglbChildren, asglbAdopters,
];
