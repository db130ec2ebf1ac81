import type { Role } from '../../platform/auth/policy';

const DAY = 86_400_000;

/** The compliance rules, each a pure function over data loaded once per evaluation. */
export const COMPLIANCE_RULES = {
  'rule44-segregation': {
    article: 'Mandela Rule 44',
    title: 'Segregation beyond 15 consecutive days',
    mustAct: 'commander',
    needs: ['housing'],
  },
  'rule11-separation': {
    article: 'Mandela Rule 11',
    title: 'Categories not separated (untried/convicted in a cell; juveniles/adults or men/women in a wing)',
    mustAct: 'commander',
    needs: ['estate', 'housing'],
  },
  'vccr36-consular': {
    article: 'VCCR Art. 36',
    title: 'Foreign national with no consular-notification decision',
    mustAct: 'liaison',
    needs: ['repatriation'],
  },
  'rule68-69-family': {
    article: 'Mandela Rules 68-69',
    title: 'Family not told of a death, serious injury, illness or transfer',
    mustAct: 'commander',
    needs: ['incidents'],
  },
  'rule68-transfer': {
    article: 'Mandela Rule 68',
    title: 'Transfer with no family notice',
    mustAct: 'commander',
    needs: ['intake', 'incidents'],
  },
  'rule71-authority': {
    article: 'Mandela Rule 71',
    title: 'Death, disappearance or serious injury not reported to the independent authority',
    mustAct: 'director',
    needs: ['incidents'],
  },
  'rule61-lawyer': {
    article: 'Mandela Rule 61',
    title: 'No lawyer visit within the set number of days',
    mustAct: 'legal',
    needs: ['legal'],
  },
  'legal-limit': {
    article: 'Legal limits (Mandela Rule 7; ICCPR Art. 9)',
    title: 'Held past a legal limit or without a valid basis',
    mustAct: 'legal',
    needs: ['legal'],
  },
} as const satisfies Record<string, { article: string; title: string; mustAct: Role; needs: string[] }>;
export type RuleId = keyof typeof COMPLIANCE_RULES;
export const RULE_IDS = Object.keys(COMPLIANCE_RULES) as RuleId[];

export interface HeldPerson {
  id: string;
  number: string;
  displayName: string;
  siteId: string;
  cellId: string | null;
  sex: string;
  legalStatus: string;
  ageCategory: string;
  nationalities: string[];
  admittedAt: string | null;
}

/** One breach: who, which rule, since when, who must act. `key` + `since` identify one occurrence. */
export interface Finding {
  key: string;
  rule: RuleId;
  detaineeId: string;
  siteId: string;
  since: string;
  mustAct: Role;
  detail: string;
}

const finding = (
  rule: RuleId,
  p: { id: string; siteId: string },
  subject: string,
  since: string,
  detail: string,
): Finding => ({
  key: `${rule}:${p.id}:${subject}`,
  rule,
  detaineeId: p.id,
  siteId: p.siteId,
  since,
  mustAct: COMPLIANCE_RULES[rule].mustAct,
  detail,
});

const plusDays = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY).toISOString();

/**
 * Rule 44: an active segregation counted from more than 15 days ago; the breach starts when day 16 begins.
 *
 * @example segregationBeyondLimit([{ id: 's', detaineeId: 'd', siteId: 'S1', countedFrom: '2026-01-01T00:00:00Z' }], now, 15)
 */
export function segregationBeyondLimit(
  active: { id: string; detaineeId: string; siteId: string; countedFrom: string }[],
  now: Date,
  limitDays: number,
): Finding[] {
  return active
    .filter((s) => now.getTime() - Date.parse(s.countedFrom) >= limitDays * DAY)
    .map((s) =>
      finding(
        'rule44-segregation',
        { id: s.detaineeId, siteId: s.siteId },
        s.id,
        plusDays(s.countedFrom, limitDays),
        `segregated since ${s.countedFrom.slice(0, 10)}: day ${Math.floor((now.getTime() - Date.parse(s.countedFrom)) / DAY) + 1}`,
      ),
    );
}

/**
 * Rule 11: untried with convicted in one cell; juveniles with adults, or men with women, in one
 * wing. Everyone in a mixed cell is named; in a wing, those who do not match its designation
 * (or, with no designation matched, everyone). `since` is when each came into the cell.
 *
 * @example separationBreaches(people, cellWing, sinceOf)
 */
export function separationBreaches(
  people: HeldPerson[],
  cellWing: Map<string, { wingId: string; wingCode: string; sex: string; ageGroup: string }>,
  sinceOf: (p: HeldPerson) => string,
): Finding[] {
  const out: Finding[] = [];
  const byCell = new Map<string, HeldPerson[]>();
  const byWing = new Map<string, HeldPerson[]>();
  for (const p of people) {
    if (!p.cellId) continue;
    byCell.set(p.cellId, [...(byCell.get(p.cellId) ?? []), p]);
    const w = cellWing.get(p.cellId);
    if (w) byWing.set(w.wingId, [...(byWing.get(w.wingId) ?? []), p]);
  }
  for (const [cellId, occupants] of byCell) {
    const statuses = new Set(occupants.map((o) => o.legalStatus));
    if (statuses.has('untried') && statuses.has('convicted'))
      for (const o of occupants)
        out.push(
          finding(
            'rule11-separation',
            o,
            `cell:${cellId}:status`,
            sinceOf(o),
            `${o.legalStatus} in a cell with ${o.legalStatus === 'untried' ? 'convicted' : 'untried'} detainees`,
          ),
        );
  }
  for (const occupants of byWing.values()) {
    const wing = cellWing.get(occupants[0].cellId!)!;
    const mixed = (
      values: Set<string>,
      designation: string,
      field: 'sex' | 'ageCategory',
      subject: string,
      words: (o: HeldPerson) => string,
    ) => {
      if (values.size < 2) return;
      const off = occupants.filter((o) => o[field] !== designation);
      for (const o of off.length && off.length < occupants.length ? off : occupants)
        out.push(finding('rule11-separation', o, `wing:${wing.wingId}:${subject}`, sinceOf(o), words(o)));
    };
    mixed(
      new Set(occupants.map((o) => o.sex)),
      wing.sex,
      'sex',
      'sex',
      (o) =>
        `${o.sex === 'F' ? 'woman' : 'man'} in wing ${wing.wingCode} holding ${o.sex === 'F' ? 'men' : 'women'}`,
    );
    mixed(
      new Set(occupants.map((o) => o.ageCategory)),
      wing.ageGroup,
      'ageCategory',
      'age',
      (o) =>
        `${o.ageCategory} in wing ${wing.wingCode} holding ${o.ageCategory === 'juvenile' ? 'adults' : 'juveniles'}`,
    );
  }
  return out;
}

/**
 * VCCR Art. 36: a held foreign national (no nationality of the detaining state) with no decision
 * (asked or declined) on consular notification. The duty runs from admission.
 *
 * @example consularUndecided(people, new Set(), 'IQ', now)
 */
export function consularUndecided(
  people: HeldPerson[],
  decided: Set<string>,
  ownCountry: string,
  now: Date,
): Finding[] {
  return people
    .filter((p) => p.nationalities.length > 0 && !p.nationalities.includes(ownCountry) && !decided.has(p.id))
    .map((p) =>
      finding(
        'vccr36-consular',
        p,
        'decision',
        p.admittedAt ?? now.toISOString(),
        `national of ${p.nationalities.join(', ')}: not asked whether the consulate is to be told`,
      ),
    );
}

export interface OpenTask {
  id: string;
  detaineeId: string | null;
  siteId: string;
  kind: string;
  rule: string;
  recipient: string;
  dueAt: string;
}

/**
 * Rules 68-69 and 71: a required notification not done by its deadline. The breach starts at the deadline.
 *
 * @example overdueNotifications(tasks, ['71'], 'rule71-authority', now)
 */
export function overdueNotifications(tasks: OpenTask[], rules: string[], rule: RuleId, now: Date): Finding[] {
  return tasks
    .filter((t) => t.detaineeId && rules.includes(t.rule) && Date.parse(t.dueAt) <= now.getTime())
    .map((t) =>
      finding(
        rule,
        { id: t.detaineeId!, siteId: t.siteId },
        t.id,
        t.dueAt,
        `${t.kind.replace(/_/g, ' ')}: ${t.recipient} not told (due ${t.dueAt.slice(0, 16).replace('T', ' ')})`,
      ),
    );
}

/**
 * Rule 61: no lawyer visit for more than `days` days (counted from the last visit, or from
 * admission when there was none). The breach starts `days` after that.
 *
 * @example noLawyerVisit(people, new Map(), 30, now)
 */
export function noLawyerVisit(
  people: HeldPerson[],
  lastVisit: Map<string, string>,
  days: number,
  now: Date,
): Finding[] {
  const out: Finding[] = [];
  for (const p of people) {
    const last = lastVisit.get(p.id) ?? p.admittedAt;
    if (!last) continue;
    const due = plusDays(last, days);
    if (Date.parse(due) <= now.getTime())
      out.push(
        finding(
          'rule61-lawyer',
          p,
          'visit',
          due,
          lastVisit.has(p.id)
            ? `last lawyer visit ${last.slice(0, 10)}`
            : `no lawyer visit since admission on ${last.slice(0, 10)}`,
        ),
      );
  }
  return out;
}

/**
 * Held past a legal limit or without a valid basis: the legal engine's problems, one finding each.
 *
 * @example legalLimitBreaches([{ detaineeId, siteId, kind: 'no_basis', since: '2026-02-01', text: '...' }])
 */
export function legalLimitBreaches(
  problems: { detaineeId: string; siteId: string; kind: string; since: string; text: string }[],
): Finding[] {
  return problems.map((p) =>
    finding(
      'legal-limit',
      { id: p.detaineeId, siteId: p.siteId },
      p.kind,
      p.since.length === 10 ? `${p.since}T00:00:00.000Z` : p.since,
      `${p.kind.replace(/_/g, ' ')}: ${p.text}`,
    ),
  );
}
