/** One repatriation case: the requesting state's limits, every step, and the next one (handover included). */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';
import { ErrorState, Loading, useErrorMessage } from '../components/states';
import { useFormat } from '../i18n/format';
import { legalApi } from '../legal-api';
import { useLegalLabels } from '../legal-labels';
import { Link, useRoute } from '../router';
import { useSession } from '../session';
import { useApi } from '../use-api';

export default function RepatriationCasePage() {
  const { t } = useTranslation();
  const f = useFormat();
  const l = useLegalLabels();
  const { params } = useRoute();
  const { can } = useSession();
  const errorMessage = useErrorMessage();
  const c = useApi(() => legalApi.repatriation(params.id), [params.id]);
  const [stage, setStage] = useState('');
  const [at, setAt] = useState('');
  const [note, setNote] = useState('');
  const [documents, setDocuments] = useState('');
  const [court, setCourt] = useState('');
  const [decisionRef, setDecisionRef] = useState('');
  const [place, setPlace] = useState('');
  const [official, setOfficial] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (c.loading) return <Loading />;
  if (c.error) return <ErrorState error={c.error} onRetry={c.reload} />;
  const k = c.data!;
  const next = stage || k.nextStages[0] || '';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const when = new Date(at).toISOString();
    const body: Record<string, unknown> = {
      stage: next,
      at: when,
      note: note || null,
      documents: documents
        .split('\n')
        .map((d) => d.trim())
        .filter(Boolean),
    };
    if (next === 'judicial_clearance' && court)
      body.courtDecision = { court, decidedOn: when.slice(0, 10), reference: decisionRef || '—' };
    if (next === 'handover_scheduled' || next === 'handed_over')
      body.handover = {
        at: when,
        place,
        receivingOfficials:
          next === 'handed_over'
            ? official
                .split('\n')
                .filter(Boolean)
                .map((line) => {
                  const [name, role, organisation] = line.split(',').map((x) => x.trim());
                  return { name, role: role || '—', organisation: organisation || '—' };
                })
            : undefined,
      };
    try {
      await legalApi.repatriationStep(k.id, body);
      setStage('');
      setNote('');
      setDocuments('');
      c.reload();
    } catch (err) {
      setError(err instanceof ApiError ? errorMessage(err) : t('common.errors.server'));
    }
  };
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t('legal.repatriation.case', { state: f.country(k.requestingState) })}</h1>
        <Link to={`/detainees/${k.detaineeId}`}>
          <span data-value>{k.detaineeNumber}</span>
        </Link>
      </header>
      <dl className="facts panel">
        <dt>{t('legal.repatriation.stage')}</dt>
        <dd>{l.repatriationStage(k.stage)}</dd>
        <dt>{t('legal.repatriation.requestedOn')}</dt>
        <dd>{f.date(k.requestedOn)}</dd>
        <dt>{t('legal.repatriation.limit')}</dt>
        <dd>
          {k.stateLimit?.maxDaysBeforeCharge != null
            ? t('legal.repatriation.limitDays', { days: f.number(k.stateLimit.maxDaysBeforeCharge) })
            : t('legal.repatriation.noLimit')}
          {k.stateLimit?.note && (
            <>
              {' '}
              — <span data-value>{k.stateLimit.note}</span>
            </>
          )}
        </dd>
        {k.handoverAt && (
          <>
            <dt>{t('legal.repatriation.handover')}</dt>
            <dd>
              {f.dateTime(k.handoverAt)} · <span data-value>{k.handoverPlace}</span>
            </dd>
          </>
        )}
        {k.receivingOfficials.length > 0 && (
          <>
            <dt>{t('legal.repatriation.officials')}</dt>
            <dd data-value>
              {k.receivingOfficials.map((o) => `${o.name} (${o.role}, ${o.organisation})`).join('; ')}
            </dd>
          </>
        )}
      </dl>
      <ol className="timeline">
        {k.steps.map((s) => (
          <li key={s.id}>
            {l.repatriationStage(s.stage)} · {f.dateTime(s.at)} · <span data-value>{s.recordedBy}</span>
            {s.note && (
              <>
                {' '}
                — <span data-value>{s.note}</span>
              </>
            )}
            {s.documents.length > 0 && (
              <>
                {' '}
                · <span data-value>{s.documents.join(', ')}</span>
              </>
            )}
          </li>
        ))}
      </ol>
      {can('repatriation.write') && k.nextStages.length > 0 && (
        <form className="filters panel" onSubmit={submit}>
          <div className="field">
            <label htmlFor="r-next">{t('legal.repatriation.next')}</label>
            <select id="r-next" value={next} onChange={(e) => setStage(e.target.value)}>
              {k.nextStages.map((s) => (
                <option key={s} value={s}>
                  {l.repatriationStage(s)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="r-at">{t('legal.repatriation.when')}</label>
            <input
              id="r-at"
              type="datetime-local"
              required
              value={at}
              onChange={(e) => setAt(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="r-note">{t('legal.repatriation.note')}</label>
            <textarea id="r-note" value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="r-docs">{t('legal.repatriation.documents')}</label>
            <textarea id="r-docs" value={documents} onChange={(e) => setDocuments(e.target.value)} />
          </div>
          {next === 'judicial_clearance' && (
            <>
              <div className="field">
                <label htmlFor="r-court">{t('legal.repatriation.court')}</label>
                <input id="r-court" value={court} onChange={(e) => setCourt(e.target.value)} />
              </div>
              <div className="field">
                <label htmlFor="r-dref">{t('legal.repatriation.decision')}</label>
                <input id="r-dref" value={decisionRef} onChange={(e) => setDecisionRef(e.target.value)} />
              </div>
            </>
          )}
          {(next === 'handover_scheduled' || next === 'handed_over') && (
            <div className="field">
              <label htmlFor="r-place">{t('legal.repatriation.place')}</label>
              <input id="r-place" required value={place} onChange={(e) => setPlace(e.target.value)} />
            </div>
          )}
          {next === 'handed_over' && (
            <div className="field">
              <label htmlFor="r-off">{t('legal.repatriation.officialsHint')}</label>
              <textarea id="r-off" required value={official} onChange={(e) => setOfficial(e.target.value)} />
            </div>
          )}
          <button type="submit" className="button">
            {t('legal.repatriation.record')}
          </button>
          {error && (
            <p role="alert" className="state state-error">
              {error}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
