/**
 * The officer's tablet: pick a wing, see its cells most urgent first, record a check in two taps
 * (the cell, then what was seen). Every check is queued on the device first and sent with the time
 * of the tap, so a check made with the network down is kept and sent when it comes back.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './monitoring.css';
import { api } from '../api';
import { siteName } from '../components/site-name';
import { ErrorState, Loading } from '../components/states';
import { useFormat } from '../i18n/format';
import { ALERT_EVENTS, useLiveEvents } from '../live';
import { remembered } from '../offline';
import {
  CHECK_STATES,
  type CheckState,
  checkQueue,
  monitoringApi,
  newKey,
  type RoundCell,
} from '../monitoring-api';
import { useRoute } from '../router';
import { useApi } from '../use-api';

export default function RoundsPage() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const { query, setQuery } = useRoute();
  // Offline (a reload in a dead spot) the page works from the last answers kept on the device.
  const sites = useApi(() => remembered('sites', () => api.sites()), []);
  const siteId = query.siteId ?? sites.data?.[0]?.id ?? '';
  const roll = useApi(
    () => (siteId ? remembered(`roll.${siteId}`, () => monitoringApi.roll(siteId)) : Promise.resolve(null)),
    [siteId],
  );
  const wingId = query.wingId ?? roll.data?.wings[0]?.wingId ?? '';
  const round = useApi(
    () => (wingId ? remembered(`round.${wingId}`, () => monitoringApi.round(wingId)) : Promise.resolve(null)),
    [wingId],
  );
  // The officer's own alerts; offline the list is simply not shown (the queue still works).
  const mine = useApi(() => api.alerts({ mine: true, status: 'active', pageSize: 20 }).catch(() => null), []);
  useLiveEvents(ALERT_EVENTS, mine.reload);
  const [picked, setPicked] = useState<RoundCell | null>(null);
  const [pending, setPending] = useState(checkQueue.all().length);
  const [online, setOnline] = useState(navigator.onLine);
  const [message, setMessage] = useState<string | null>(null);
  const labels: Record<CheckState, string> = {
    present: t('monitoring.states.present'),
    asleep: t('monitoring.states.asleep'),
    unwell: t('monitoring.states.unwell'),
    absent: t('monitoring.states.absent'),
    refused: t('monitoring.states.refused'),
  };

  const flush = useCallback(async () => {
    const result = await checkQueue
      .flush()
      .catch(() => ({ sent: 0, refused: [] as string[], pending: checkQueue.all().length }));
    setPending(result.pending);
    if (result.refused.length)
      setMessage(t('monitoring.rounds.refused', { reasons: result.refused.join('; ') }));
    if (result.sent) round.reload();
  }, [round, t]);

  useEffect(() => {
    const up = () => {
      setOnline(true);
      void flush();
    };
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    const timer = setInterval(() => void flush(), 30_000);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
      clearInterval(timer);
    };
  }, [flush]);

  const record = async (state: CheckState) => {
    if (!picked) return;
    checkQueue.add({
      idempotencyKey: newKey(),
      cellId: picked.cellId,
      state,
      observedAt: new Date().toISOString(),
    });
    setPicked(null);
    setPending(checkQueue.all().length);
    setMessage(t('monitoring.rounds.saved', { cell: picked.code, state: labels[state] }));
    await flush();
  };

  return (
    <section className="page rounds" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t('monitoring.rounds.title')}</h1>
        <p role="status" className={online ? 'muted' : 'warning'}>
          {online ? t('monitoring.rounds.online') : t('monitoring.rounds.offline')} ·{' '}
          {t('monitoring.rounds.pending', { count: pending })}
        </p>
      </header>
      <form className="filters panel" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="round-site">{t('monitoring.site')}</label>
          <select
            id="round-site"
            value={siteId}
            onChange={(e) => setQuery({ siteId: e.target.value, wingId: null })}
          >
            {(sites.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.code} — {siteName(s, i18n.language)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="round-wing">{t('monitoring.wing')}</label>
          <select id="round-wing" value={wingId} onChange={(e) => setQuery({ wingId: e.target.value })}>
            {(roll.data?.wings ?? []).map((w) => (
              <option key={w.wingId} value={w.wingId}>
                {w.code}
              </option>
            ))}
          </select>
        </div>
      </form>
      {message && (
        <p role="status" className="notice">
          {message}
        </p>
      )}
      {mine.data && (
        <section className="panel my-alerts" aria-labelledby="my-alerts-title">
          <h2 id="my-alerts-title">{t('monitoring.rounds.myAlerts')}</h2>
          {mine.data.items.length === 0 ? (
            <p className="muted">{t('monitoring.rounds.noAlerts')}</p>
          ) : (
            <ul className="alert-list">
              {mine.data.items.map((a) => (
                <li key={a.id} className={`alert-item severity-${a.severity}`}>
                  <span className={`badge badge-severity-${a.severity}`}>
                    {t(`alerts.severities.${a.severity}`, { defaultValue: a.severity })}
                  </span>{' '}
                  <span data-value>{a.title}</span>{' '}
                  <span className="muted">{t('alerts.raised', { at: f.dateTime(a.raisedAt) })}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {round.loading && !round.data && <Loading />}
      {round.error && <ErrorState error={round.error} onRetry={round.reload} />}
      {picked && (
        <div
          className="panel check-states"
          role="group"
          aria-label={t('monitoring.rounds.whatSeen', { cell: picked.code })}
        >
          <h2>{t('monitoring.rounds.whatSeen', { cell: picked.code })}</h2>
          {CHECK_STATES.map((s) => (
            <button key={s} type="button" className={`big-button state-${s}`} onClick={() => void record(s)}>
              {labels[s]}
            </button>
          ))}
          <button type="button" className="link-button" onClick={() => setPicked(null)}>
            {t('monitoring.cancel')}
          </button>
        </div>
      )}
      {round.data && (
        <ul className="round-cells">
          {round.data.cells.map((c) => (
            <li key={c.cellId}>
              <button
                type="button"
                className={`big-button cell${c.overdue ? ' overdue' : ''}`}
                onClick={() => setPicked(c)}
                aria-pressed={picked?.cellId === c.cellId}
              >
                <strong>{c.code}</strong>
                <span>{c.occupants.map((o) => o.number).join(', ') || t('monitoring.rounds.empty')}</span>
                <span>
                  {c.nextDueAt
                    ? c.overdue
                      ? t('monitoring.rounds.overdue', { time: f.dateTime(c.nextDueAt) })
                      : t('monitoring.rounds.due', { time: f.dateTime(c.nextDueAt) })
                    : t('monitoring.rounds.notDue')}
                </span>
                {c.lastObservedAt && (
                  <span className="muted">
                    {t('monitoring.rounds.last', { time: f.dateTime(c.lastObservedAt) })}
                  </span>
                )}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
