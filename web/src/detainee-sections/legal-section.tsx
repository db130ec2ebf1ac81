/** The legal clock on the detainee page: basis in force, deadlines and release, each with its reasoning; cases and lawyer visits. */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';
import { Empty, ErrorState, Loading, useErrorMessage } from '../components/states';
import { useFormat } from '../i18n/format';
import { legalApi, type Step } from '../legal-api';
import { useLegalLabels } from '../legal-labels';
import { Link, useRoute } from '../router';
import { useSession } from '../session';
import { useApi } from '../use-api';
import type { DetaineeSectionProps } from './registry';

const BADGE: Record<string, string> = {
  passed: 'badge-severity-critical',
  due_soon: 'badge-severity-warning',
  expired: 'badge-severity-critical',
  none: 'badge-severity-critical',
};

function Reasoning({ steps }: { steps: Step[] }) {
  const l = useLegalLabels();
  const { t } = useTranslation();
  return (
    <details>
      <summary>{t('legal.clock.why')}</summary>
      <ol className="timeline">
        {steps.map((s, i) => (
          <li key={i}>{l.step(s)}</li>
        ))}
      </ol>
    </details>
  );
}

export default function LegalSection({ detainee }: DetaineeSectionProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const l = useLegalLabels();
  const clock = useApi(() => legalApi.clock(detainee.id), [detainee.id]);
  const cases = useApi(() => legalApi.cases({ detaineeId: detainee.id, pageSize: 50 }), [detainee.id]);
  const visits = useApi(() => legalApi.lawyerVisits(detainee.id), [detainee.id]);
  if (clock.loading) return <Loading />;
  if (clock.error) return <ErrorState error={clock.error} onRetry={clock.reload} />;
  const c = clock.data!.clock;
  return (
    <div className="legal-clock">
      <p>
        <span className={`badge ${BADGE[c.basis.status] ?? ''}`}>{l.state(c.basis.status)}</span>{' '}
        {c.basis.current ? (
          <>
            <span data-value>{c.basis.current.basis}</span> ·{' '}
            <span data-value>{c.basis.current.authority}</span> ·{' '}
            {t('legal.clock.since', { date: f.date(c.basis.current.from) })}
          </>
        ) : (
          t('legal.clock.noBasis')
        )}
      </p>
      <Reasoning steps={c.basis.steps} />
      {c.problems.length > 0 && (
        <div className="state state-error" role="alert">
          <ul className="plain-list">
            {c.problems.map((p) => (
              <li key={p.kind}>
                <strong>{l.problem(p.kind)}</strong> —{' '}
                {t('legal.clock.unlawfulSince', { date: f.date(p.since) })}
              </li>
            ))}
          </ul>
        </div>
      )}
      {c.deadlines.length === 0 ? (
        <Empty>{t('legal.clock.noDeadlines')}</Empty>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('legal.clock.deadline')}</th>
              <th scope="col">{t('legal.clock.date')}</th>
              <th scope="col">{t('legal.clock.state')}</th>
              <th scope="col">{t('legal.clock.reasoning')}</th>
            </tr>
          </thead>
          <tbody>
            {c.deadlines.map((d) => (
              <tr key={d.kind}>
                <th scope="row">{l.deadline(d.kind)}</th>
                <td>{f.date(d.date)}</td>
                <td>
                  <span className={`badge ${BADGE[d.state] ?? ''}`}>{l.state(d.state)}</span>
                </td>
                <td>
                  <Reasoning steps={d.steps} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h4>{t('legal.cases.title')}</h4>
      {cases.data && cases.data.items.length === 0 && <Empty>{t('legal.cases.none')}</Empty>}
      {cases.data && cases.data.items.length > 0 && (
        <ul className="plain-list">
          {cases.data.items.map((k) => (
            <li key={k.id}>
              <Link to={`/legal/cases/${k.id}`}>
                <span data-value>{k.reference}</span>
              </Link>{' '}
              · <span data-value>{k.court}</span> · {l.stage(k.stage)}
            </li>
          ))}
        </ul>
      )}
      <OpenCase detaineeId={detainee.id} />
      <h4>{t('legal.visits.title')}</h4>
      {visits.data && visits.data.length === 0 && <Empty>{t('legal.visits.none')}</Empty>}
      {visits.data && visits.data.length > 0 && (
        <ul className="timeline">
          {visits.data.map((v) => (
            <li key={v.id}>
              {f.dateTime(v.visitedAt)} · <span data-value>{v.lawyerName}</span>
              {v.durationMinutes !== null && (
                <> · {t('legal.visits.minutes', { n: f.number(v.durationMinutes) })}</>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Opens a case for this detainee with its first charge, then goes to it. */
function OpenCase({ detaineeId }: { detaineeId: string }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const { navigate } = useRoute();
  const errorMessage = useErrorMessage();
  const today = new Date().toISOString().slice(0, 10);
  const [reference, setReference] = useState('');
  const [court, setCourt] = useState('');
  const [openedOn, setOpenedOn] = useState(today);
  const [law, setLaw] = useState('');
  const [article, setArticle] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (!can('legal.write')) return null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const c = await legalApi.openCase({
        detaineeId,
        reference,
        court,
        openedOn,
        charges: law && article ? [{ law, article, chargedOn: openedOn }] : [],
      });
      navigate(`/legal/cases/${c.id}`);
    } catch (err) {
      setError(err instanceof ApiError ? errorMessage(err) : t('common.errors.server'));
    }
  };
  return (
    <details>
      <summary>{t('legal.cases.open')}</summary>
      <form className="filters" onSubmit={submit}>
        <div className="field">
          <label htmlFor="oc-ref">{t('legal.cases.reference')}</label>
          <input id="oc-ref" required value={reference} onChange={(e) => setReference(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="oc-court">{t('legal.cases.court')}</label>
          <input id="oc-court" required value={court} onChange={(e) => setCourt(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="oc-on">{t('legal.cases.openedOn')}</label>
          <input
            id="oc-on"
            type="date"
            required
            value={openedOn}
            onChange={(e) => setOpenedOn(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="oc-law">{t('legal.case.law')}</label>
          <input id="oc-law" value={law} onChange={(e) => setLaw(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="oc-article">{t('legal.case.article')}</label>
          <input id="oc-article" value={article} onChange={(e) => setArticle(e.target.value)} />
        </div>
        <button type="submit" className="button">
          {t('legal.cases.open')}
        </button>
        {error && (
          <p role="alert" className="state state-error">
            {error}
          </p>
        )}
      </form>
    </details>
  );
}
