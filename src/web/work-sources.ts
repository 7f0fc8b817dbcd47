// The areas whose deadlines make up each person's work queue (core/work.ts): the one list.
import type { WorkSource } from '../core/work.ts';
import * as adopters from '../adopters/service.ts';
import * as letterbox from '../letterbox/service.ts';
import * as placements from '../placements/service.ts';
import * as recruitment from '../recruitment/service.ts';
import * as support from '../support/service.ts';
import * as birthFamily from '../birth-family/service.ts';
import * as adoptedAdults from '../adopted-adults/service.ts';
import * as nonAgencyIntercountry from '../non-agency-intercountry/service.ts';

export const WORK_SOURCES: readonly WorkSource[] = [recruitment.dueWork, adopters.dueWork, placements.dueWork, letterbox.dueWork, support.dueWork,
  birthFamily.dueWork, adoptedAdults.dueWork, nonAgencyIntercountry.dueWork];
