/** One plan for review: cost before and after, the moves, the links it breaks up, who could not be placed; approve or reject. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';
import { ErrorState, Loading, useErrorMessage } from '../components/states';
import { housingApi } from '../housing-api';
import { kindLabel, planStatusLabel, scopeLabel } from '../housing-labels';
import { useFormat } from '../i18n/format';
import { Link, useRoute } from '../router';
import { useSession } from '../session';
import { useApi } from '../use-api';

export default function HousingPlanPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { params } = useRoute();
  const { can, me } = useSession();
  const errorMessage = useErrorMessage();
  const id = params.id ?? '';
  const plan = useApi(() => housingApi.plan(id), [id]);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (plan.loading) return <Loading />;
  if (plan.error || !plan.data)
    return plan.error ? <ErrorState error={plan.error} onRetry={plan.reload} /> : null;
  const p = plan.data;
  const act = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(
        err instanceof ApiError ? `${errorMessage(err)} ${err.body.message}` : t('common.errors.server'),
      );
    } finally {
      setBusy(false);
      plan.reload();
    }
  };
  const who = (d: { id: string; number: string }) => (
    <Link to={`/detainees/${encodeURIComponent(d.id)}`}>
      <span className="code">{d.number}</span>
    </Link>
  );
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <p className="breadcrumb">
          <Link to="/housing/plans">{t('housing.plans.title')}</Link>
        </p>
        <h1 id="page-title">
          {t('housing.plan.title')} <span className="badge">{planStatusLabel(t, p.status)}</span>
        </h1>
        <p className="muted">
          {t('housing.plans.proposedBy', { who: p.proposedBy, at: f.dateTime(p.proposedAt) })}
        </p>
      </header>
      <div className="tiles">
        <div className="tile">
          <span className="muted">{t('housing.plans.costBefore')}</span>{' '}
          <strong>{f.number(p.costBefore)}</strong>
        </div>
        <div className="tile">
          <span className="muted">{t('housing.plans.costAfter')}</span>{' '}
          <strong>{f.number(p.costAfter)}</strong>
        </div>
        <div className="tile">
          <span className="muted">{t('housing.plans.moves')}</span>{' '}
          <strong>{f.number(p.moves.length)}</strong>
        </div>
        <div className="tile">
          <span className="muted">{t('housing.plans.brokenUp')}</span>{' '}
          <strong>{f.number(p.linksBrokenUp.length)}</strong>
        </div>
        <div className="tile">
          <span className="muted">{t('housing.plans.unplaced')}</span>{' '}
          <strong>{f.number(p.unplaced.length)}</strong>
        </div>
      </div>
      {p.reviewNote && (
        <p className="panel">
          <strong>{t('housing.plan.reviewNote')}:</strong> <span data-value>{p.reviewNote}</span>
        </p>
      )}
      {p.status === 'proposed' && can('intelligence.write') && p.proposedById === me?.id && (
        <p className="panel" role="note">
          {t('housing.plan.ownPlan')}
        </p>
      )}
      {p.status === 'proposed' && can('intelligence.write') && p.proposedById !== me?.id && (
        <div className="panel inline-form">
          <label htmlFor="plan-note">{t('housing.plan.note')}</label>
          <input id="plan-note" value={note} onChange={(e) => setNote(e.target.value)} />
          <button
            type="button"
            className="button button-primary"
            disabled={busy}
            onClick={() => act(() => housingApi.approve(p.id, note.trim() || undefined))}
          >
            {t('housing.plan.approve')}
          </button>
          <button
            type="button"
            className="button"
            disabled={busy || !note.trim()}
            onClick={() => act(() => housingApi.reject(p.id, note.trim()))}
          >
            {t('housing.plan.reject')}
          </button>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
        </div>
      )}
      {p.unplaced.length > 0 && (
        <div className="panel">
          <h2>{t('housing.plans.unplaced')}</h2>
          <ul className="plain-list">
            {p.unplaced.map((u) => (
              <li key={u.detaineeId}>
                {who({ id: u.detaineeId, number: u.number })} <span data-value>{u.displayName}</span>:{' '}
                <span data-value>{u.reasons.join('; ')}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="panel">
        <h2>{t('housing.plans.brokenUp')}</h2>
        <div className="table-wrap">
          <table className="table table-compact">
            <thead>
              <tr>
                <th>A</th>
                <th>B</th>
                <th>{t('housing.intelligence.kind')}</th>
                <th>{t('housing.intelligence.weight')}</th>
                <th>{t('housing.plan.level')}</th>
              </tr>
            </thead>
            <tbody>
              {p.linksBrokenUp.map((l) => (
                <tr key={l.linkId}>
                  <td>{who(l.a)}</td>
                  <td>{who(l.b)}</td>
                  <td>{kindLabel(t, l.kind)}</td>
                  <td>{f.number(l.weight)}</td>
                  <td>
                    {scopeLabel(t, l.before)} → {l.after ? scopeLabel(t, l.after) : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <div className="panel">
        <h2>{t('housing.plans.moves')}</h2>
        <div className="table-wrap">
          <table className="table table-compact">
            <thead>
              <tr>
                <th>{t('housing.plan.detainee')}</th>
                <th>{t('housing.plan.from')}</th>
                <th>{t('housing.plan.to')}</th>
                <th>{t('housing.plan.why')}</th>
              </tr>
            </thead>
            <tbody>
              {p.moves.map((m) => (
                <tr key={m.detaineeId}>
                  <td>
                    {who({ id: m.detaineeId, number: m.number })} <span data-value>{m.displayName}</span>
                  </td>
                  <td className="code">{m.fromCellCode ?? t('housing.plan.newArrival')}</td>
                  <td className="code">
                    {m.toWingCode} / {m.toCellCode}
                  </td>
                  <td className="small" data-value>
                    {m.explanation}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}
