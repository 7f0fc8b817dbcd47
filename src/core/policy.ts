// A policy is one small rule per action, in the style of `allow(user, "action", Model, fn)`:
// each area's policy.ts lists its actions and, beside each, who may do it. Rules are pure
// functions of the actor, the day's access facts and the record, so they can be tested as a
// full matrix and reused to filter lists.
import type { AccessFacts, Actor } from './access.ts';

export type Rule<R> = (actor: Actor, facts: AccessFacts, record: R) => boolean;

export class Policy<R, A extends string = string> {
  private readonly rules = new Map<A, Rule<R>>();

  constructor(readonly resource: string) {}

  allow(action: A, rule: Rule<R>): this {
    if (this.rules.has(action)) throw new Error(`${this.resource}: a rule for ${action} already exists`);
    this.rules.set(action, rule);
    return this;
  }

  can(actor: Actor, facts: AccessFacts, action: A, record: R): boolean {
    const rule = this.rules.get(action);
    // No rule means no one may: access is never granted by omission.
    return rule ? rule(actor, facts, record) : false;
  }

  get actions(): A[] {
    return [...this.rules.keys()];
  }
}
