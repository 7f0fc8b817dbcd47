// The demo data set: deterministic (seeded), synthetic, and scalable with --scale N.
// Organisations and staff are written directly; the partnerships' histories are replayed
// through the partnership service, each change on its own day, so the demo obeys the same
// rules (and leaves the same audit trail) as real use. Later areas add steps to DEMO_STEPS.
import { seedAdopters } from './adopters.ts';
import { seedRecruitment } from './recruitment.ts';
import { seedTraining } from './training.ts';
import { seedMatching } from './matching.ts';
import { seedPanels } from './panel.ts';
import { seedDisruptions, seedPlacementHistory, seedPlacements } from './placements.ts';
import { seedSupport } from './support.ts';
import { seedLetterbox } from './letterbox.ts';
import { seedBirthFamily } from './birth-family.ts';
import { seedAdoptedAdults } from './adopted-adults.ts';
import { seedNonAgencyIntercountry } from './non-agency-intercountry.ts';
import { seedInsight } from './insight.ts';
import { seedFinance } from './finance.ts';
import { randomInt } from 'node:crypto';
import { dictionary } from '@zxcvbn-ts/language-common';
import { ROLES, type Actor } from '../core/access.ts';
import { hashPassword, passwordProblem } from '../core/auth.ts';
import { todayInEngland } from '../core/dates.ts';
import type { Db } from '../core/db.ts';
import * as partnershipService from '../partnership/service.ts';
import * as partnershipStore from '../partnership/store.ts';
import * as staffService from '../staff/service.ts';
import * as staffStore from '../staff/store.ts';
import { seedChildren } from './children-writer.ts';
import { FAMILY_NAMES, GIVEN_NAMES } from './names.ts';
import { DEMO_HISTORY, DEMO_LA_NUMBERS, DEMO_ORGANISATIONS } from './organisations.ts';
import { Random } from './random.ts';

export interface DemoContext {
  db: Db;
  random: Random;
  scale: number;
  /** organisation slug → id */
  orgs: Map<string, string>;
  passwordHash: string;
  /** The demo's today (today in England unless given): children's journeys are dated relative to it. */
  today: string;
  /** Whether to seed children (on by default). */
  children: boolean;
}

export interface SeedResult {
  password: string;
  staff: number;
  organisations: number;
  children: number;
}

type DemoStep = (demo: DemoContext) => Promise<void>;

export const DEMO_STEPS: DemoStep[] = [seedOrganisations, seedStaff, replayPartnershipHistory, seedChildren, seedRecruitment, seedAdopters, seedTraining, seedMatching, seedPanels, seedPlacementHistory, seedPlacements, seedDisruptions, seedSupport, seedLetterbox,
  seedBirthFamily, seedAdoptedAdults, seedNonAgencyIntercountry, seedInsight, seedFinance];

export interface SeedOptions {
  /** Multiplies the volume: more social workers, N × each council's children. */
  scale?: number;
  seed?: number;
  password?: string;
  /** The demo's today, `YYYY-MM-DD` (default: today in England). The same seed and today give the same demo. */
  today?: string;
  /** Seed children (default true). */
  children?: boolean;
}

export async function isEmpty(db: Db): Promise<boolean> {
  const row = await db.selectFrom('organisation').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return row.n === 0;
}

/** A random passphrase of four common words: easy to type, shown once at seeding. */
export function demoPassword(): string {
  const words = dictionary['diceware-common'].filter((w) => /^[a-z]{4,8}$/.test(w));
  for (;;) {
    const phrase = Array.from({ length: 4 }, () => words[randomInt(words.length)]).join('-');
    if (!passwordProblem(phrase)) return phrase;
  }
}

export async function seedDemo(db: Db, options: SeedOptions = {}): Promise<SeedResult> {
  if (!(await isEmpty(db))) throw new Error('The database already has data: the demo is only seeded into an empty database');
  const password = options.password ?? demoPassword();
  const demo: DemoContext = {
    db, random: new Random(options.seed ?? 20141101), scale: options.scale ?? 1, orgs: new Map(), passwordHash: await hashPassword(password),
    today: options.today ?? todayInEngland(), children: options.children ?? true,
  };
  for (const step of DEMO_STEPS) await step(demo);
  const count = async (table: 'staff' | 'child') => (await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
  return { password, staff: await count('staff'), organisations: demo.orgs.size, children: await count('child') };
}

async function seedOrganisations(demo: DemoContext): Promise<void> {
  // Councils and agencies first, so partnerships can name their host.
  const ordered = [...DEMO_ORGANISATIONS].sort((a, b) => Number(a.kind === 'partnership') - Number(b.kind === 'partnership'));
  for (const o of ordered) {
    const hostId = o.hostSlug ? demo.orgs.get(o.hostSlug)! : null;
    const org = await partnershipStore.insertOrganisation(demo.db, { kind: o.kind, name: o.name, slug: o.slug, code: o.code, hostId });
    demo.orgs.set(o.slug, org.id);
    const laNumber = DEMO_LA_NUMBERS[o.slug];
    if (laNumber) await demo.db.updateTable('organisation').set({ la_number: laNumber }).where('id', '=', org.id).execute();
  }
}

/** One person in every role in every organisation (`<role>@<org>.example`), plus more social workers at scale. */
async function seedStaff(demo: DemoContext): Promise<void> {
  const personName = () => `${demo.random.pick(GIVEN_NAMES)} ${demo.random.pick(FAMILY_NAMES)}`;
  for (const [slug, orgId] of demo.orgs) {
    const teamId = await staffStore.findOrCreateTeam(demo.db, orgId, 'Adoption team');
    for (const role of ROLES) {
      await staffStore.insertStaff(demo.db, { email: `${role}@${slug}.example`, displayName: personName(), organisationId: orgId, teamId, passwordHash: demo.passwordHash, roles: [role] });
    }
    for (let i = 2; i <= demo.scale * 2; i++) {
      await staffStore.insertStaff(demo.db, { email: `social-worker-${i}@${slug}.example`, displayName: personName(), organisationId: orgId, teamId, passwordHash: demo.passwordHash, roles: ['social-worker'] });
    }
  }
}

async function replayPartnershipHistory(demo: DemoContext): Promise<void> {
  for (const event of DEMO_HISTORY) {
    const partnershipId = demo.orgs.get(event.partnership)!;
    const admin = await staffStore.findStaffByEmail(demo.db, `admin@${event.partnership}.example`);
    const actor: Actor = staffService.actorOf(admin!);
    const ctx = await staffService.contextFor(demo.db, actor, event.on);
    if ('join' in event) {
      await partnershipService.addMember(demo.db, ctx, partnershipId, { organisationId: demo.orgs.get(event.join), kind: event.kind, joinedOn: event.on, option: event.option });
    } else if ('leave' in event) {
      const membership = (await partnershipStore.membershipsOf(demo.db, partnershipId)).find((m) => m.memberId === demo.orgs.get(event.leave) && !m.leftOn);
      await partnershipService.recordLeaving(demo.db, ctx, partnershipId, membership!.id, { leftOn: event.on });
    } else {
      await partnershipService.applyPreset(demo.db, ctx, partnershipId, { effectiveOn: event.on, option: event.option });
    }
  }
}

/** The sign-ins to print after seeding. */
export function demoSignIns(): string[] {
  return [
    'admin@west-mercia.example (partnership administrator)',
    'social-worker@herefordshire.example',
    'family-finder@west-mercia.example',
    'admin@thurrock-consortium.example',
    'Every role in every organisation: <role>@<organisation>.example',
  ];
}
