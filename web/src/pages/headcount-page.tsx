/**
 * The emergency headcount: start one (commanders), then watch the missing list shrink as people
 * are confirmed — each missing person with where they were last housed, checked and seen — and
 * close it with its report. Refreshed live from `/api/live`.
 */
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './monitoring.css';
import { api, ApiError } from '../api';
import { siteName } from '../components/site-name';
import { ErrorState, Loading, useErrorMessage } from '../components/states';
import { useFormat } from '../i18n/format';
import { monitoringApi } from '../monitoring-api';
import { useRoute } from '../router';
import { useSession } from '../session';
import { useApi } from '../use-api';

export default function HeadcountPage() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const errorText = useErrorMessage();
  const { can } = useSession();
  const { query, setQuery } = useRoute();
  const sites = useApi(() => api.sites(), []);
  const siteId = query.siteId ?? sites.data?.[0]?.id ?? '';
  const list = useApi(() => (siteId ? monitoringApi.headcounts(siteId) : Promise.resolve([])), [siteId]);
  const id = query.id ?? list.data?.find((h) => h.status === 'open')?.id ?? '';
  const hc = useApi(() => (id ? monitoringApi.headcount(id) : Promise.resolve(null)), [id]);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const source = new EventSource('/api/live', { withCredentials: true });
    const again = () => hc.reload();
    source.addEventListener('headcount.progress', again);
    source.addEventListener('headcount.closed', again);
    return () => source.close();
  }, [hc]);

  const act = async (run: () => Promise<unknown>) => {
    setError(null);
    try {
      await run();
      list.reload();
      hc.reload();
    } catch (e) {
      setError(e instanceof ApiError ? errorText(e) : String(e));
    }
  };
  const start = (e: FormEvent) => {
    e.preventDefault();
    void act(async () => setQuery({ id: (await monitoringApi.startHeadcount(siteId, reason)).id }));
  };

  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t('monitoring.headcount.title')}</h1>
      </header>
      <form className="filters panel" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="hc-site">{t('monitoring.site')}</label>
          <select
            id="hc-site"
            value={siteId}
            onChange={(e) => setQuery({ siteId: e.target.value, id: null })}
          >
            {(sites.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.code} — {siteName(s, i18n.language)}
              </option>
            ))}
          </select>
        </div>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {!id && can('headcount.start') && (
        <form className="panel" onSubmit={start}>
          <div className="field">
            <label htmlFor="hc-reason">{t('monitoring.headcount.reason')}</label>
            <input
              id="hc-reason"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              required
              minLength={3}
            />
          </div>
          <button type="submit" className="danger">
            {t('monitoring.headcount.start')}
          </button>
        </form>
      )}
      {hc.loading && !hc.data && <Loading />}
      {hc.error && <ErrorState error={hc.error} onRetry={hc.reload} />}
      {hc.data && (
        <>
          <p className="figures" role="status">
            {t('monitoring.headcount.progress', {
              accounted: f.number(hc.data.accounted),
              total: f.number(hc.data.total),
              missing: f.number(hc.data.missing.length),
            })}
          </p>
          <svg
            role="img"
            aria-label={t('monitoring.headcount.progressChart')}
            viewBox="0 0 100 6"
            width="100%"
            className="progress-bar"
          >
            <rect x="0" y="0" width="100" height="6" fill="#e5e7eb" />
            <rect
              x="0"
              y="0"
              width={hc.data.total ? (100 * hc.data.accounted) / hc.data.total : 0}
              height="6"
              fill="#15803d"
            />
          </svg>
          <table className="table">
            <caption>{t('monitoring.headcount.missing')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('monitoring.headcount.person')}</th>
                <th scope="col">{t('monitoring.headcount.lastHoused')}</th>
                <th scope="col">{t('monitoring.headcount.lastChecked')}</th>
                <th scope="col">{t('monitoring.headcount.lastSeen')}</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {hc.data.missing.map((m) => (
                <tr key={m.detaineeId}>
                  <th scope="row">
                    {m.number} {m.displayName}
                  </th>
                  <td>{m.lastHousedCell ?? t('monitoring.headcount.unassigned')}</td>
                  <td>{m.lastCheckedAt ? `${f.dateTime(m.lastCheckedAt)} (${m.lastCheckState})` : '—'}</td>
                  <td>{m.lastSeenAt ? f.dateTime(m.lastSeenAt) : '—'}</td>
                  <td>
                    {hc.data!.status === 'open' && can('count.write') && (
                      <button
                        type="button"
                        onClick={() => void act(() => monitoringApi.confirm(hc.data!.id, [m.detaineeId]))}
                      >
                        {t('monitoring.headcount.confirm')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {hc.data.status === 'open' && can('headcount.start') && (
            <form
              className="panel"
              onSubmit={(e) => {
                e.preventDefault();
                void act(() => monitoringApi.closeHeadcount(hc.data!.id, note));
              }}
            >
              <div className="field">
                <label htmlFor="hc-note">{t('monitoring.headcount.closeNote')}</label>
                <input
                  id="hc-note"
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                  required
                  minLength={3}
                />
              </div>
              <button type="submit">{t('monitoring.headcount.close')}</button>
            </form>
          )}
          {hc.data.status === 'closed' && (
            <p>{t('monitoring.headcount.closed', { time: f.dateTime(hc.data.closedAt) })}</p>
          )}
        </>
      )}
    </section>
  );
}
