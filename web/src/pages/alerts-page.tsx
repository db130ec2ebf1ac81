/** Alerts of every capability in my sites: filter, then acknowledge or resolve with a note. */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Alert, ALERT_STATUSES, api, ApiError, SEVERITIES } from '../api';
import { Pager } from '../components/pager';
import { siteName } from '../components/site-name';
import { Empty, ErrorState, Loading, useErrorMessage } from '../components/states';
import { useFormat } from '../i18n/format';
import { ALERT_EVENTS, useLiveEvents } from '../live';
import { useRoute } from '../router';
import { useSession } from '../session';
import { useApi } from '../use-api';

const PAGE_SIZE = 25;

export default function AlertsPage() {
  const { t, i18n } = useTranslation();
  const { query, setQuery } = useRoute();
  const { can } = useSession();
  const status = query.status ?? 'active';
  const page = Math.max(1, Number(query.page) || 1);
  const sites = useApi(() => api.sites(), []);
  const list = useApi(
    () => api.alerts({ status, severity: query.severity, siteId: query.siteId, page, pageSize: PAGE_SIZE }),
    [status, query.severity, query.siteId, page],
  );
  // Raised, acknowledged, escalated or resolved anywhere in my sites: the list follows, no reload.
  useLiveEvents(ALERT_EVENTS, list.reload);
  const siteById = new Map((sites.data ?? []).map((s) => [s.id, s]));

  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t('alerts.title')}</h1>
      </header>
      <form className="filters panel" aria-label={t('alerts.filters')} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="alert-status">{t('alerts.status')}</label>
          <select
            id="alert-status"
            value={status}
            onChange={(e) =>
              setQuery({ status: e.target.value === 'active' ? null : e.target.value, page: null })
            }
          >
            {ALERT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`alerts.statuses.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="alert-severity">{t('alerts.severity')}</label>
          <select
            id="alert-severity"
            value={query.severity ?? ''}
            onChange={(e) => setQuery({ severity: e.target.value, page: null })}
          >
            <option value="">{t('alerts.allSeverities')}</option>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {t(`alerts.severities.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="alert-site">{t('alerts.site')}</label>
          <select
            id="alert-site"
            value={query.siteId ?? ''}
            onChange={(e) => setQuery({ siteId: e.target.value, page: null })}
          >
            <option value="">{t('alerts.allSites')}</option>
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
      {list.data && list.data.items.length === 0 && <Empty>{t('alerts.none')}</Empty>}
      {list.data && list.data.items.length > 0 && (
        <>
          <ul className="alert-list">
            {list.data.items.map((a) => (
              <AlertItem
                key={a.id}
                alert={a}
                siteLabel={
                  a.siteId && siteById.get(a.siteId) ? siteName(siteById.get(a.siteId)!, i18n.language) : null
                }
                canHandle={can('alert.handle')}
                onChanged={list.reload}
              />
            ))}
          </ul>
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

function AlertItem({
  alert,
  siteLabel,
  canHandle,
  onChanged,
}: {
  alert: Alert;
  siteLabel: string | null;
  canHandle: boolean;
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const errorMessage = useErrorMessage();
  const [action, setAction] = useState<'acknowledge' | 'resolve' | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const noteId = `note-${alert.id}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!action) return;
    if (!note.trim()) {
      setError(t('alerts.noteRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      if (action === 'acknowledge') await api.acknowledgeAlert(alert.id, note.trim());
      else await api.resolveAlert(alert.id, note.trim());
      setAction(null);
      setNote('');
      onChanged();
    } catch (err) {
      setError(err instanceof ApiError ? errorMessage(err) : t('common.errors.server'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className={`alert-item severity-${alert.severity}`}>
      <div className="alert-head">
        <span className={`badge badge-severity-${alert.severity}`}>
          {t(`alerts.severities.${alert.severity}`, { defaultValue: alert.severity })}
        </span>
        <h2 className="alert-title" data-value>
          {alert.title}
        </h2>
        <span className={`badge badge-alert-${alert.status}`}>
          {t(`alerts.statuses.${alert.status}`, { defaultValue: alert.status })}
        </span>
      </div>
      {alert.detail && (
        <p className="alert-detail" data-value>
          {alert.detail}
        </p>
      )}
      <p className="muted alert-meta">
        {t('alerts.raised', { at: f.dateTime(alert.raisedAt) })}
        {siteLabel && <> · {siteLabel}</>} · {t('alerts.due', { at: f.dateTime(alert.dueAt) })}
        {alert.escalationLevel > 0 && (
          <> · {t('alerts.escalated', { level: f.number(alert.escalationLevel) })}</>
        )}
      </p>
      {alert.acknowledgeNote && (
        <p className="alert-note">
          {t('alerts.acknowledgedNote')}: <span data-value>{alert.acknowledgeNote}</span>
        </p>
      )}
      {alert.resolveNote && (
        <p className="alert-note">
          {t('alerts.resolvedNote')}: <span data-value>{alert.resolveNote}</span>
        </p>
      )}
      {canHandle && alert.status !== 'resolved' && !action && (
        <div className="actions">
          {alert.status === 'open' && (
            <button type="button" className="button" onClick={() => setAction('acknowledge')}>
              {t('alerts.acknowledge')}
            </button>
          )}
          <button type="button" className="button" onClick={() => setAction('resolve')}>
            {t('alerts.resolve')}
          </button>
        </div>
      )}
      {action && (
        <form className="inline-form" onSubmit={(e) => void submit(e)} noValidate>
          <div className="field">
            <label htmlFor={noteId}>
              {action === 'acknowledge' ? t('alerts.acknowledgeNote') : t('alerts.resolveNote')}
            </label>
            <textarea
              id={noteId}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              rows={2}
              maxLength={2000}
              required
              autoFocus
            />
          </div>
          <div className="form-error" role="alert" aria-live="assertive">
            {error}
          </div>
          <div className="actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              {action === 'acknowledge' ? t('alerts.acknowledge') : t('alerts.resolve')}
            </button>
            <button type="button" className="button button-quiet" onClick={() => setAction(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}
