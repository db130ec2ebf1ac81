/** Who is segregated at a site, breaches of Rule 44 first, with the day count and the last medical check. */
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { siteName } from '../components/site-name';
import { Empty, ErrorState, Loading } from '../components/states';
import { housingApi } from '../housing-api';
import { useFormat } from '../i18n/format';
import { Link, useRoute } from '../router';
import { useApi } from '../use-api';

export default function SegregationPage() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const { query, setQuery } = useRoute();
  const sites = useApi(() => api.sites(), []);
  const siteId = query.siteId ?? sites.data?.[0]?.id ?? '';
  const list = useApi(() => (siteId ? housingApi.siteSegregations(siteId) : Promise.resolve([])), [siteId]);
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t('housing.segregation.title')}</h1>
      </header>
      <form className="filters panel" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="seg-site">{t('housing.segregation.site')}</label>
          <select id="seg-site" value={siteId} onChange={(e) => setQuery({ siteId: e.target.value })}>
            {(sites.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.code} — {siteName(s, i18n.language)}
              </option>
            ))}
          </select>
        </div>
      </form>
      {list.loading && <Loading />}
      {list.error && <ErrorState error={list.error} onRetry={list.reload} />}
      {list.data && list.data.length === 0 && <Empty>{t('housing.segregation.none')}</Empty>}
      {list.data && list.data.length > 0 && (
        <div className="table-wrap panel">
          <table className="table">
            <thead>
              <tr>
                <th>{t('housing.plan.detainee')}</th>
                <th>{t('housing.segregation.started')}</th>
                <th>{t('housing.segregation.plannedEnd')}</th>
                <th>{t('housing.segregation.reason')}</th>
                <th>{t('housing.segregation.lastMedical')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((s) => (
                <tr key={s.id}>
                  <td>
                    <Link to={`/detainees/${encodeURIComponent(s.detaineeId)}`}>
                      <span className="code">{s.number}</span> <span data-value>{s.displayName}</span>
                    </Link>
                    <div>
                      <span
                        className={`badge ${s.breach ? 'badge-severity-critical' : s.day >= 13 ? 'badge-severity-warning' : ''}`}
                      >
                        {t('housing.segregation.day', { day: f.number(s.day) })}
                      </span>
                      {s.breach && <strong> {t('housing.segregation.breach')}</strong>}
                    </div>
                  </td>
                  <td>{f.dateTime(s.startedAt)}</td>
                  <td>{f.dateTime(s.plannedEnd)}</td>
                  <td data-value>{s.reason}</td>
                  <td>
                    {s.lastMedicalCheckAt ? f.dateTime(s.lastMedicalCheckAt) : t('housing.segregation.never')}
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
