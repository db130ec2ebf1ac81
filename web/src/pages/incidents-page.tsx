/** Incidents across my sites as a timeline with filters, and the form to report one. */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api';
import { Pager } from '../components/pager';
import { siteName } from '../components/site-name';
import { Empty, ErrorState, Loading, useErrorMessage } from '../components/states';
import { useFormat } from '../i18n/format';
import { INCIDENT_STATUSES, INCIDENT_TYPES, incidentsApi } from '../incidents-api';
import { Link, useRoute } from '../router';
import { useSession } from '../session';
import { useApi } from '../use-api';

const PAGE_SIZE = 25;

export default function IncidentsPage() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const { query, setQuery } = useRoute();
  const { can } = useSession();
  const page = Math.max(1, Number(query.page) || 1);
  const sites = useApi(() => api.sites(), []);
  const list = useApi(
    () =>
      incidentsApi.list({
        siteId: query.siteId,
        type: query.type,
        status: query.status,
        page,
        pageSize: PAGE_SIZE,
      }),
    [query.siteId, query.type, query.status, page],
  );
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t('incidents.title')}</h1>
      </header>
      {can('incident.write') && sites.data && (
        <ReportForm
          sites={sites.data.map((s) => ({ id: s.id, label: `${s.code} — ${siteName(s, i18n.language)}` }))}
          onDone={list.reload}
        />
      )}
      <form
        className="filters panel"
        aria-label={t('incidents.filters')}
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="field">
          <label htmlFor="inc-site">{t('incidents.site')}</label>
          <select
            id="inc-site"
            value={query.siteId ?? ''}
            onChange={(e) => setQuery({ siteId: e.target.value, page: null })}
          >
            <option value="">{t('incidents.allSites')}</option>
            {(sites.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.code} — {siteName(s, i18n.language)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="inc-type">{t('incidents.type')}</label>
          <select
            id="inc-type"
            value={query.type ?? ''}
            onChange={(e) => setQuery({ type: e.target.value, page: null })}
          >
            <option value="">{t('incidents.allTypes')}</option>
            {INCIDENT_TYPES.map((k) => (
              <option key={k} value={k}>
                {t(`incidents.types.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="inc-status">{t('incidents.status')}</label>
          <select
            id="inc-status"
            value={query.status ?? ''}
            onChange={(e) => setQuery({ status: e.target.value, page: null })}
          >
            <option value="">{t('incidents.allStatuses')}</option>
            {INCIDENT_STATUSES.map((k) => (
              <option key={k} value={k}>
                {t(`incidents.statuses.${k}`)}
              </option>
            ))}
          </select>
        </div>
      </form>
      {list.loading && <Loading />}
      {list.error && <ErrorState error={list.error} onRetry={list.reload} />}
      {list.data && list.data.items.length === 0 && <Empty>{t('incidents.none')}</Empty>}
      {list.data && list.data.items.length > 0 && (
        <>
          <ol className="timeline" aria-label={t('incidents.timeline')}>
            {list.data.items.map((i) => (
              <li key={i.id}>
                <div className="timeline-title">
                  <Link to={`/incidents/${i.id}`}>{i.number}</Link> · {t(`incidents.types.${i.type}`)} ·{' '}
                  {i.siteCode} <span className="badge">{t(`incidents.statuses.${i.status}`)}</span>
                </div>
                <div>{i.title}</div>
                <div className="muted small">
                  {f.dateTime(i.occurredAt)}
                  {i.cellsDamaged > 0 && ` · ${t('incidents.cellsDamaged', { count: i.cellsDamaged })}`}
                </div>
              </li>
            ))}
          </ol>
          <Pager
            page={list.data.page}
            pageSize={list.data.pageSize}
            total={list.data.total}
            onPage={(p) => setQuery({ page: p })}
          />
        </>
      )}
    </section>
  );
}

function ReportForm({ sites, onDone }: { sites: { id: string; label: string }[]; onDone: () => void }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const { navigate } = useRoute();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!open)
    return (
      <div className="actions">
        <button type="button" className="button button-primary" onClick={() => setOpen(true)}>
          {t('incidents.report')}
        </button>
      </div>
    );
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const occurred = String(data.get('occurredAt') ?? '');
    setBusy(true);
    setError(null);
    try {
      const created = await incidentsApi.create({
        siteId: String(data.get('siteId') ?? ''),
        type: String(data.get('type')),
        occurredAt: occurred ? new Date(occurred).toISOString() : '',
        title: String(data.get('title') ?? ''),
        narrative: String(data.get('narrative') ?? ''),
        location: String(data.get('location') ?? '') || null,
        responseUnit: String(data.get('responseUnit') ?? '') || null,
        submit: data.get('submit') === 'on',
      });
      onDone();
      navigate(`/incidents/${created.id}`);
    } catch (err) {
      setError(err instanceof ApiError ? errorMessage(err) : t('common.errors.server'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="panel form-grid" onSubmit={submit} aria-label={t('incidents.report')}>
      <div className="field">
        <label htmlFor="new-site">{t('incidents.site')}</label>
        <select id="new-site" name="siteId" required>
          {sites.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="new-type">{t('incidents.type')}</label>
        <select id="new-type" name="type">
          {INCIDENT_TYPES.map((k) => (
            <option key={k} value={k}>
              {t(`incidents.types.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="new-time">{t('incidents.occurredAt')}</label>
        <input id="new-time" name="occurredAt" type="datetime-local" required />
      </div>
      <div className="field field-wide">
        <label htmlFor="new-title">{t('incidents.titleField')}</label>
        <input id="new-title" name="title" required maxLength={200} />
      </div>
      <div className="field field-wide">
        <label htmlFor="new-narrative">{t('incidents.narrative')}</label>
        <textarea id="new-narrative" name="narrative" rows={4} />
      </div>
      <div className="field">
        <label htmlFor="new-location">{t('incidents.location')}</label>
        <input id="new-location" name="location" />
      </div>
      <div className="field">
        <label htmlFor="new-unit">{t('incidents.responseUnit')}</label>
        <input id="new-unit" name="responseUnit" />
      </div>
      <div className="field check">
        <label>
          <input type="checkbox" name="submit" /> {t('incidents.submitNow')}
        </label>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="field-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('incidents.save')}
        </button>
        <button type="button" className="button button-quiet" onClick={() => setOpen(false)}>
          {t('incidents.cancel')}
        </button>
      </div>
    </form>
  );
}
