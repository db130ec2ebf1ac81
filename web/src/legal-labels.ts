/**
 * Translated labels for the legal, consular and repatriation screens. Every key is written out
 * (no keys built at run time), so the i18n test sees each one; an unknown value shows as itself.
 */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Step } from './legal-api';
import { useFormat } from './i18n/format';

type Table = Record<string, (t: TFunction) => string>;

const STAGES: Table = {
  investigation: (t) => t('legal.stages.investigation'),
  referral: (t) => t('legal.stages.referral'),
  trial: (t) => t('legal.stages.trial'),
  verdict: (t) => t('legal.stages.verdict'),
  sentence: (t) => t('legal.stages.sentence'),
  appeal: (t) => t('legal.stages.appeal'),
  final: (t) => t('legal.stages.final'),
};
const DEADLINES: Table = {
  charge: (t) => t('legal.deadlines.charge'),
  review: (t) => t('legal.deadlines.review'),
  pretrial: (t) => t('legal.deadlines.pretrial'),
  release: (t) => t('legal.deadlines.release'),
};
const STATES: Table = {
  met: (t) => t('legal.states.met'),
  upcoming: (t) => t('legal.states.upcoming'),
  due_soon: (t) => t('legal.states.dueSoon'),
  passed: (t) => t('legal.states.passed'),
  valid: (t) => t('legal.states.valid'),
  none: (t) => t('legal.states.none'),
  expired: (t) => t('legal.states.expired'),
};
const PROBLEMS: Table = {
  no_basis: (t) => t('legal.problems.noBasis'),
  charge_limit_passed: (t) => t('legal.problems.chargeLimit'),
  review_overdue: (t) => t('legal.problems.reviewOverdue'),
  pretrial_limit_passed: (t) => t('legal.problems.pretrial'),
  held_past_release: (t) => t('legal.problems.pastRelease'),
};
const HEARING_KINDS: Table = {
  detention_review: (t) => t('legal.hearingKinds.detentionReview'),
  investigation: (t) => t('legal.hearingKinds.investigation'),
  trial: (t) => t('legal.hearingKinds.trial'),
  verdict: (t) => t('legal.hearingKinds.verdict'),
  sentencing: (t) => t('legal.hearingKinds.sentencing'),
  appeal: (t) => t('legal.hearingKinds.appeal'),
};
const OUTCOMES: Table = {
  held: (t) => t('legal.outcomes.held'),
  adjourned: (t) => t('legal.outcomes.adjourned'),
  detention_extended: (t) => t('legal.outcomes.detentionExtended'),
  release_ordered: (t) => t('legal.outcomes.releaseOrdered'),
  not_held: (t) => t('legal.outcomes.notHeld'),
  convicted: (t) => t('legal.outcomes.convicted'),
  acquitted: (t) => t('legal.outcomes.acquitted'),
  discontinued: (t) => t('legal.outcomes.discontinued'),
  upheld: (t) => t('legal.outcomes.upheld'),
  overturned: (t) => t('legal.outcomes.overturned'),
};
const CONSULAR: Table = {
  informed: (t) => t('legal.consularEvents.informed'),
  requested: (t) => t('legal.consularEvents.requested'),
  declined: (t) => t('legal.consularEvents.declined'),
  notified: (t) => t('legal.consularEvents.notified'),
  letter_forwarded: (t) => t('legal.consularEvents.letterForwarded'),
  visit: (t) => t('legal.consularEvents.visit'),
  objection: (t) => t('legal.consularEvents.objection'),
  objection_withdrawn: (t) => t('legal.consularEvents.objectionWithdrawn'),
};
const REPATRIATION: Table = {
  request_received: (t) => t('legal.repatriationStages.requestReceived'),
  identity_verified: (t) => t('legal.repatriationStages.identityVerified'),
  consular_interview: (t) => t('legal.repatriationStages.consularInterview'),
  judicial_clearance: (t) => t('legal.repatriationStages.judicialClearance'),
  approved: (t) => t('legal.repatriationStages.approved'),
  handover_scheduled: (t) => t('legal.repatriationStages.handoverScheduled'),
  handed_over: (t) => t('legal.repatriationStages.handedOver'),
  refused: (t) => t('legal.repatriationStages.refused'),
  withdrawn: (t) => t('legal.repatriationStages.withdrawn'),
  suspended: (t) => t('legal.repatriationStages.suspended'),
};
type StepTable = Record<string, (t: TFunction, v: { date: string; days: string }) => string>;
const STEPS: StepTable = {
  'basis.none': (t, v) => t('legal.steps.basisNone', v),
  'basis.in-force': (t, v) => t('legal.steps.basisInForce', v),
  'basis.rule': (t) => t('legal.steps.basisRule'),
  'basis.no-rule': (t) => t('legal.steps.basisNoRule'),
  'charge.limit': (t, v) => t('legal.steps.chargeLimit', v),
  'charge.met': (t, v) => t('legal.steps.chargeMet', v),
  'charge.late': (t, v) => t('legal.steps.chargeLate', v),
  'charge.none': (t) => t('legal.steps.chargeNone'),
  'review.from-basis': (t, v) => t('legal.steps.reviewFromBasis', v),
  'review.last': (t, v) => t('legal.steps.reviewLast', v),
  'review.interval': (t, v) => t('legal.steps.reviewInterval', v),
  'pretrial.limit': (t, v) => t('legal.steps.pretrialLimit', v),
  'pretrial.met': (t, v) => t('legal.steps.pretrialMet', v),
  'pretrial.late': (t, v) => t('legal.steps.pretrialLate', v),
  'credit.computed': (t, v) => t('legal.steps.creditComputed', v),
  'credit.ordered': (t, v) => t('legal.steps.creditOrdered', v),
  'credit.none': (t) => t('legal.steps.creditNone'),
  'credit.time-served': (t, v) => t('legal.steps.creditServed', v),
  'credit.clamp': (t, v) => t('legal.steps.creditClamp', v),
  'sentence.first': (t, v) => t('legal.steps.sentenceFirst', v),
  'sentence.concurrent': (t, v) => t('legal.steps.sentenceConcurrent', v),
  'sentence.consecutive': (t, v) => t('legal.steps.sentenceConsecutive', v),
  'sentence.aggregate': (t, v) => t('legal.steps.sentenceAggregate', v),
};

export function useLegalLabels() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const from = (table: Table) => (value: string) => (table[value] ? table[value](t) : value);
  return {
    stage: from(STAGES),
    deadline: from(DEADLINES),
    state: from(STATES),
    problem: from(PROBLEMS),
    hearingKind: from(HEARING_KINDS),
    outcome: from(OUTCOMES),
    consularEvent: from(CONSULAR),
    repatriationStage: from(REPATRIATION),
    /** A reasoning step in the page's language; English pages show the engine's own sentence. */
    step: (s: Step) => {
      if (i18n.language === 'en' || !STEPS[s.rule]) return s.text;
      return STEPS[s.rule](t, {
        date: s.date ? f.date(s.date) : '',
        days: s.days !== undefined ? f.number(s.days) : '',
      });
    },
  };
}
