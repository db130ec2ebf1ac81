/** The hearings calendar: hearings in a date range, by site and court, grouped by day. */
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { siteName } from '../components/site-name';
import { Empty, ErrorState, Loading } from '../components/states';
import { useFormat } from '../i18n/format';
import { legalApi } from '../legal-api';
import { useLegalLabels } from '../legal-labels';
import { Link, useRoute } from '../router';
import { useApi } from '../use-api';

const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export default function LegalHearingsPage() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const l = useLegalLabels();
  const { query, setQuery } = useRoute();
  const from = query.from ?? new Date().toISOString().slice(0, 10);
  const to = query.to ?? addDays(from, 13);
  const sites = useApi(() => api.sites(), []);
  const list = useApi(
    () => legalApi.hearings({ from, to, siteId: query.siteId, court: query.court }),
    [from, to, query.siteId, query.court],
  );
  const byDay = new Map<string, NonNullable<typeof list.data>>();
  for (const h of list.data ?? [])
    byDay.set(h.scheduledAt.slice(0, 10), [...(byDay.get(h.scheduledAt.slice(0, 10)) ?? []), h]);
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t('legal.hearings.title')}</h1>
      </header>
      <form className="filters panel" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="h-from">{t('legal.hearings.from')}</label>
          <input id="h-from" type="date" value={from} onChange={(e) => setQuery({ from: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="h-to">{t('legal.hearings.to')}</label>
          <input id="h-to" type="date" value={to} onChange={(e) => setQuery({ to: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="h-site">{t('legal.hearings.site')}</label>
          <select
            id="h-site"
            value={query.siteId ?? ''}
            onChange={(e) => setQuery({ siteId: e.target.value })}
          >
            <option value="">{t('legal.hearings.allSites')}</option>
            {(sites.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.code} — {siteName(s, i18n.language)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="h-court">{t('legal.cases.court')}</label>
          <input
            id="h-court"
            value={query.court ?? ''}
            onChange={(e) => setQuery({ court: e.target.value })}
          />
        </div>
      </form>
      {list.loading && <Loading />}
      {list.error && <ErrorState error={list.error} onRetry={list.reload} />}
      {list.data && list.data.length === 0 && <Empty>{t('legal.hearings.none')}</Empty>}
      {[...byDay.entries()].map(([day, hearings]) => (
        <section key={day} className="panel">
          <h2>{f.date(day)}</h2>
          <ul className="plain-list">
            {hearings.map((h) => (
              <li key={h.id}>
                {f.dateTime(h.scheduledAt)} · <span data-value>{h.court}</span> · {l.hearingKind(h.kind)} ·{' '}
                <Link to={`/legal/cases/${h.caseId}`}>
                  <span data-value>{h.caseReference}</span>
                </Link>{' '}
                · <span data-value>{h.detaineeNumber}</span>
                {h.outcome && <> · {l.outcome(h.outcome)}</>}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
