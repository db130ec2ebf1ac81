/** One case: charges, stages, hearings with outcomes, sentences, lawyers; and the next step. */
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';
import { ErrorState, Loading, useErrorMessage } from '../components/states';
import { useFormat } from '../i18n/format';
import { type LegalCase, legalApi } from '../legal-api';
import { useLegalLabels } from '../legal-labels';
import { Link, useRoute } from '../router';
import { useSession } from '../session';
import { useApi } from '../use-api';

const HEARING_KINDS = ['detention_review', 'investigation', 'trial', 'verdict', 'sentencing', 'appeal'];
const HEARING_OUTCOMES = ['held', 'adjourned', 'detention_extended', 'release_ordered', 'not_held'];
const STAGE_OUTCOMES: Record<string, string[]> = {
  verdict: ['convicted', 'acquitted'],
  final: ['discontinued', 'acquitted', 'upheld', 'overturned'],
};

/** A small form that calls the API and reloads the case, showing the refusal's message if any. */
function ActionForm({
  label,
  onSubmit,
  children,
}: {
  label: string;
  onSubmit(): Promise<unknown>;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSubmit();
    } catch (err) {
      setError(err instanceof ApiError ? errorMessage(err) : t('common.errors.server'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="filters panel" onSubmit={submit} aria-label={label}>
      {children}
      <button type="submit" className="button" disabled={busy}>
        {label}
      </button>
      {error && (
        <p role="alert" className="state state-error">
          {error}
        </p>
      )}
    </form>
  );
}

export default function LegalCasePage() {
  const { t } = useTranslation();
  const { params } = useRoute();
  const c = useApi(() => legalApi.case(params.id), [params.id]);
  if (c.loading) return <Loading />;
  if (c.error) return <ErrorState error={c.error} onRetry={c.reload} />;
  return <CaseView value={c.data!} reload={c.reload} title={t('legal.case.title')} />;
}

function CaseView({ value: c, reload, title }: { value: LegalCase; reload(): void; title: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const l = useLegalLabels();
  const { can } = useSession();
  const write = can('legal.write') && c.stage !== 'final';
  const today = new Date().toISOString().slice(0, 10);
  const [stage, setStage] = useState(c.nextStages[0] ?? '');
  const [stageOn, setStageOn] = useState(today);
  const [outcome, setOutcome] = useState('');
  const [law, setLaw] = useState('');
  const [article, setArticle] = useState('');
  const [chargedOn, setChargedOn] = useState(today);
  const [kind, setKind] = useState('detention_review');
  const [when, setWhen] = useState('');
  const [years, setYears] = useState(0);
  const [months, setMonths] = useState(0);
  const [days, setDays] = useState(0);
  const [consecutive, setConsecutive] = useState(false);
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">
          {title} <span data-value>{c.reference}</span>
        </h1>
        <Link to={`/detainees/${c.detaineeId}`}>
          <span data-value>{c.detaineeNumber}</span>
        </Link>
      </header>
      <dl className="facts panel">
        <dt>{t('legal.cases.court')}</dt>
        <dd data-value>{c.court}</dd>
        <dt>{t('legal.cases.stage')}</dt>
        <dd>{l.stage(c.stage)}</dd>
        <dt>{t('legal.cases.openedOn')}</dt>
        <dd>{f.date(c.openedOn)}</dd>
      </dl>
      <h2>{t('legal.case.stages')}</h2>
      <ol className="timeline">
        {c.stages.map((s, i) => (
          <li key={i}>
            {l.stage(s.stage)} · {f.date(s.enteredOn)}
            {s.outcome && <> · {l.outcome(s.outcome)}</>}
            {s.note && (
              <>
                {' '}
                — <span data-value>{s.note}</span>
              </>
            )}
          </li>
        ))}
      </ol>
      {write && c.nextStages.length > 0 && (
        <ActionForm
          label={t('legal.case.advance')}
          onSubmit={async () => {
            await legalApi.advance(c.id, { stage, on: stageOn, outcome: outcome || null });
            reload();
          }}
        >
          <div className="field">
            <label htmlFor="next-stage">{t('legal.cases.stage')}</label>
            <select
              id="next-stage"
              value={stage}
              onChange={(e) => {
                setStage(e.target.value);
                setOutcome('');
              }}
            >
              {c.nextStages.map((s) => (
                <option key={s} value={s}>
                  {l.stage(s)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="stage-on">{t('legal.case.on')}</label>
            <input
              id="stage-on"
              type="date"
              required
              value={stageOn}
              onChange={(e) => setStageOn(e.target.value)}
            />
          </div>
          {STAGE_OUTCOMES[stage] && (
            <div className="field">
              <label htmlFor="stage-outcome">{t('legal.case.outcome')}</label>
              <select id="stage-outcome" value={outcome} onChange={(e) => setOutcome(e.target.value)}>
                <option value="">—</option>
                {STAGE_OUTCOMES[stage].map((o) => (
                  <option key={o} value={o}>
                    {l.outcome(o)}
                  </option>
                ))}
              </select>
            </div>
          )}
        </ActionForm>
      )}
      <h2>{t('legal.case.charges')}</h2>
      <ul className="plain-list">
        {c.charges.map((x) => (
          <li key={x.id}>
            <span data-value>{x.law}</span> · {t('legal.case.article')} <span data-value>{x.article}</span> ·{' '}
            {f.date(x.chargedOn)}
          </li>
        ))}
      </ul>
      {write && (
        <ActionForm
          label={t('legal.case.addCharge')}
          onSubmit={async () => {
            await legalApi.addCharge(c.id, { law, article, chargedOn });
            setLaw('');
            setArticle('');
            reload();
          }}
        >
          <div className="field">
            <label htmlFor="charge-law">{t('legal.case.law')}</label>
            <input id="charge-law" required value={law} onChange={(e) => setLaw(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="charge-article">{t('legal.case.article')}</label>
            <input
              id="charge-article"
              required
              value={article}
              onChange={(e) => setArticle(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="charge-on">{t('legal.case.on')}</label>
            <input
              id="charge-on"
              type="date"
              required
              value={chargedOn}
              onChange={(e) => setChargedOn(e.target.value)}
            />
          </div>
        </ActionForm>
      )}
      <h2>{t('legal.hearings.title')}</h2>
      <ul className="plain-list">
        {c.hearings.map((h) => (
          <li key={h.id}>
            {f.dateTime(h.scheduledAt)} · {l.hearingKind(h.kind)} · <span data-value>{h.court}</span>
            {h.outcome ? (
              <>
                {' '}
                · <strong>{l.outcome(h.outcome)}</strong>
              </>
            ) : (
              can('legal.write') &&
              h.scheduledAt <= new Date().toISOString() && (
                <span className="actions">
                  {HEARING_OUTCOMES.map((o) => (
                    <button
                      key={o}
                      type="button"
                      className="button"
                      onClick={() => void legalApi.hearingOutcome(h.id, { outcome: o }).then(reload, reload)}
                    >
                      {l.outcome(o)}
                    </button>
                  ))}
                </span>
              )
            )}
          </li>
        ))}
      </ul>
      {write && (
        <ActionForm
          label={t('legal.case.addHearing')}
          onSubmit={async () => {
            await legalApi.addHearing(c.id, { kind, scheduledAt: new Date(when).toISOString() });
            setWhen('');
            reload();
          }}
        >
          <div className="field">
            <label htmlFor="hearing-kind">{t('legal.hearings.kind')}</label>
            <select id="hearing-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
              {HEARING_KINDS.map((k) => (
                <option key={k} value={k}>
                  {l.hearingKind(k)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="hearing-when">{t('legal.hearings.when')}</label>
            <input
              id="hearing-when"
              type="datetime-local"
              required
              value={when}
              onChange={(e) => setWhen(e.target.value)}
            />
          </div>
        </ActionForm>
      )}
      <h2>{t('legal.case.sentences')}</h2>
      <ul className="plain-list">
        {c.sentences.map((s) => (
          <li key={s.id}>
            {t('legal.case.length', {
              years: f.number(s.years),
              months: f.number(s.months),
              days: f.number(s.days),
            })}{' '}
            · {f.date(s.startsOn)} ·{' '}
            {s.consecutive ? t('legal.case.consecutive') : t('legal.case.concurrent')}
          </li>
        ))}
      </ul>
      {can('legal.write') && (c.stage === 'sentence' || c.stage === 'appeal') && (
        <ActionForm
          label={t('legal.case.addSentence')}
          onSubmit={async () => {
            await legalApi.addSentence(c.id, { imposedOn: today, years, months, days, consecutive });
            reload();
          }}
        >
          <div className="field">
            <label htmlFor="s-years">{t('legal.case.years')}</label>
            <input
              id="s-years"
              type="number"
              value={years}
              onChange={(e) => setYears(Number(e.target.value))}
            />
          </div>
          <div className="field">
            <label htmlFor="s-months">{t('legal.case.months')}</label>
            <input
              id="s-months"
              type="number"
              value={months}
              onChange={(e) => setMonths(Number(e.target.value))}
            />
          </div>
          <div className="field">
            <label htmlFor="s-days">{t('legal.case.days')}</label>
            <input id="s-days" type="number" value={days} onChange={(e) => setDays(Number(e.target.value))} />
          </div>
          <div className="field">
            <label>
              <input
                type="checkbox"
                checked={consecutive}
                onChange={(e) => setConsecutive(e.target.checked)}
              />{' '}
              {t('legal.case.consecutive')}
            </label>
          </div>
        </ActionForm>
      )}
      <h2>{t('legal.case.people')}</h2>
      <ul className="plain-list">
        {c.accused.map((a) => (
          <li key={a.id} data-value>
            {a.name}
          </li>
        ))}
        {c.lawyers.map((x) => (
          <li key={x.id}>
            {t('legal.case.lawyer')}: <span data-value>{x.lawyerName}</span> · {f.date(x.assignedOn)}
            {x.endedOn && <> – {f.date(x.endedOn)}</>}
          </li>
        ))}
      </ul>
    </section>
  );
}
