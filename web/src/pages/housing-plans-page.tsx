/** Housing plans: propose a re-plan or placements (the engine runs on the server), and the list to review. */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api';
import { siteName } from '../components/site-name';
import { Empty, ErrorState, Loading, useErrorMessage } from '../components/states';
import { housingApi } from '../housing-api';
import { planStatusLabel } from '../housing-labels';
import { useFormat } from '../i18n/format';
import { Link, useRouter } from '../router';
import { useSession } from '../session';
import { useApi } from '../use-api';

export default function HousingPlansPage() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const { navigate } = useRouter();
  const errorMessage = useErrorMessage();
  const sites = useApi(() => api.sites(), []);
  const plans = useApi(() => housingApi.plans(), []);
  const [form, setForm] = useState({
    kind: 'replan' as 'replan' | 'placement',
    siteId: '',
    moveBudget: '50',
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const plan = await housingApi.propose({
        kind: form.kind,
        siteIds: form.siteId ? [form.siteId] : undefined,
        moveBudget: form.kind === 'replan' ? Number(form.moveBudget) : undefined,
        timeLimitSeconds: 10,
      });
      navigate(`/housing/plans/${plan.id}`);
    } catch (err) {
      setError(
        err instanceof ApiError ? `${errorMessage(err)} ${err.body.message}` : t('common.errors.server'),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t('housing.plans.title')}</h1>
      </header>
      {can('intelligence.write') && (
        <form className="panel form-grid" onSubmit={submit} aria-label={t('housing.plans.propose')}>
          <div className="field">
            <label htmlFor="plan-kind">{t('housing.plans.kind')}</label>
            <select
              id="plan-kind"
              value={form.kind}
              onChange={(e) => setForm({ ...form, kind: e.target.value as 'replan' | 'placement' })}
            >
              <option value="replan">{t('housing.plans.replan')}</option>
              <option value="placement">{t('housing.plans.placement')}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="plan-site">{t('housing.plans.site')}</label>
            <select
              id="plan-site"
              value={form.siteId}
              onChange={(e) => setForm({ ...form, siteId: e.target.value })}
            >
              <option value="">{t('housing.plans.allSites')}</option>
              {(sites.data ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {s.code} — {siteName(s, i18n.language)}
                </option>
              ))}
            </select>
          </div>
          {form.kind === 'replan' && (
            <div className="field">
              <label htmlFor="plan-budget">{t('housing.plans.budget')}</label>
              <input
                id="plan-budget"
                className="input-short"
                type="number"
                min="0"
                value={form.moveBudget}
                onChange={(e) => setForm({ ...form, moveBudget: e.target.value })}
              />
            </div>
          )}
          <div className="field-actions">
            <button className="button button-primary" disabled={busy}>
              {t('housing.plans.propose')}
            </button>
          </div>
          {busy && (
            <p className="state state-loading" role="status">
              <span className="spinner" aria-hidden="true" /> {t('housing.plans.working')}
            </p>
          )}
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
      {plans.loading && <Loading />}
      {plans.error && <ErrorState error={plans.error} onRetry={plans.reload} />}
      {plans.data && plans.data.items.length === 0 && <Empty>{t('housing.plans.none')}</Empty>}
      {plans.data && plans.data.items.length > 0 && (
        <div className="table-wrap panel">
          <table className="table">
            <thead>
              <tr>
                <th>{t('housing.plans.status')}</th>
                <th>{t('housing.plans.kind')}</th>
                <th>{t('housing.plans.costBefore')}</th>
                <th>{t('housing.plans.costAfter')}</th>
                <th>{t('housing.plans.moves')}</th>
                <th>{t('housing.plans.unplaced')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {plans.data.items.map((p) => (
                <tr key={p.id}>
                  <td>
                    <span className="badge">{planStatusLabel(t, p.status)}</span>
                    <div className="muted small">
                      {t('housing.plans.proposedBy', { who: p.proposedBy, at: f.dateTime(p.proposedAt) })}
                    </div>
                  </td>
                  <td>{p.kind === 'replan' ? t('housing.plans.replan') : t('housing.plans.placement')}</td>
                  <td>{f.number(p.costBefore)}</td>
                  <td>{f.number(p.costAfter)}</td>
                  <td>{f.number(p.stats.moves + p.stats.placed)}</td>
                  <td>{f.number(p.stats.unplaced)}</td>
                  <td>
                    <Link to={`/housing/plans/${p.id}`}>{t('housing.plans.open')}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
