/**
 * The live picture per site and for the estate: population against beds, overdue checks, open
 * alerts, counts and headcounts, posture — kept current by the server-sent events of `/api/live`
 * (a snapshot on connect, a fresh summary after changes), with no reload.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './monitoring.css';
import { BarChart } from '../components/bar-chart';
import { useFormat } from '../i18n/format';
import type { Dashboard } from '../monitoring-api';

export default function LivePage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [data, setData] = useState<Dashboard | null>(null);
  const [connected, setConnected] = useState(false);
  const [feed, setFeed] = useState<{ type: string; at: string; text: string; key: string }[]>([]);

  useEffect(() => {
    const source = new EventSource('/api/live', { withCredentials: true });
    const take = (e: MessageEvent) => setData(JSON.parse(e.data) as Dashboard);
    source.addEventListener('snapshot', take);
    source.addEventListener('summary', take);
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    let received = 0;
    const note = (type: string) => (e: MessageEvent) => {
      const d = JSON.parse(e.data) as {
        at: string;
        cellCode?: string;
        wingCode?: string;
        alert?: { title: string };
      };
      const text = d.alert?.title ?? [d.wingCode, d.cellCode].filter(Boolean).join('/');
      const key = `event ${++received}`;
      setFeed((old) => [{ type, at: d.at, text, key }, ...old].slice(0, 12));
    };
    for (const type of [
      'check.missed',
      'count.started',
      'count.closed',
      'headcount.started',
      'headcount.closed',
      'alert.raised',
      'alert.acknowledged',
      'alert.escalated',
      'alert.resolved',
      'posture.changed',
    ])
      source.addEventListener(type, note(type));
    return () => source.close();
  }, []);

  const sites = data?.sites ?? [];
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t('monitoring.live.title')}</h1>
        <p role="status" className={connected ? 'muted' : 'warning'}>
          {connected
            ? t('monitoring.live.connected', { time: f.dateTime(data?.at) })
            : t('monitoring.live.reconnecting')}
        </p>
      </header>
      {data && (
        <>
          <div className="panel figures">
            <h2>{t('monitoring.live.estate')}</h2>
            <dl className="figures-grid">
              <dt>{t('monitoring.live.population')}</dt>
              <dd>{f.number(data.estate.population)}</dd>
              <dt>{t('monitoring.live.occupancy')}</dt>
              <dd>{f.percent(data.estate.occupancy)}</dd>
              <dt>{t('monitoring.live.overdue')}</dt>
              <dd>{f.number(data.estate.overdueChecks)}</dd>
              <dt>{t('monitoring.live.checksLastHour')}</dt>
              <dd>{f.number(data.estate.checksLastHour)}</dd>
              <dt>{t('monitoring.live.alerts')}</dt>
              <dd data-testid="estate-open-alerts">
                {f.number(
                  data.estate.openAlerts.critical +
                    data.estate.openAlerts.warning +
                    data.estate.openAlerts.info,
                )}
              </dd>
              <dt>{t('monitoring.live.critical')}</dt>
              <dd>{f.number(data.estate.openAlerts.critical)}</dd>
              <dt>{t('monitoring.live.lockdown')}</dt>
              <dd>{f.number(data.estate.sitesInLockdown)}</dd>
            </dl>
          </div>
          <div className="panel">
            <BarChart
              title={t('monitoring.live.occupancyChart')}
              rows={sites.map((s) => ({
                key: s.siteId,
                label: s.code,
                value: s.population,
                capacity: s.beds,
              }))}
              format={f.number}
            />
            <BarChart
              title={t('monitoring.live.overdueChart')}
              rows={sites.map((s) => ({ key: s.siteId, label: s.code, value: s.overdueChecks }))}
              format={f.number}
            />
          </div>
          <table className="table">
            <caption>{t('monitoring.live.perSite')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('monitoring.site')}</th>
                <th scope="col">{t('monitoring.live.population')}</th>
                <th scope="col">{t('monitoring.live.beds')}</th>
                <th scope="col">{t('monitoring.live.overdue')}</th>
                <th scope="col">{t('monitoring.live.alerts')}</th>
                <th scope="col">{t('monitoring.live.count')}</th>
                <th scope="col">{t('monitoring.live.headcount')}</th>
                <th scope="col">{t('monitoring.live.posture')}</th>
              </tr>
            </thead>
            <tbody>
              {sites.map((s) => (
                <tr key={s.siteId}>
                  <th scope="row">{s.code}</th>
                  <td>{f.number(s.population)}</td>
                  <td>{f.number(s.beds)}</td>
                  <td>{f.number(s.overdueChecks)}</td>
                  <td>{f.number(s.openAlerts.critical + s.openAlerts.warning + s.openAlerts.info)}</td>
                  <td>{s.openCount ? t('monitoring.live.open') : '—'}</td>
                  <td>
                    {s.openHeadcount
                      ? `${f.number(s.openHeadcount.accounted)} / ${f.number(s.openHeadcount.total)}`
                      : '—'}
                  </td>
                  <td>{s.posture ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {feed.length > 0 && (
            <div className="panel">
              <h2>{t('monitoring.live.feed')}</h2>
              <ul>
                {feed.map((e) => (
                  <li key={e.key}>
                    {f.dateTime(e.at)} — {e.type} {e.text}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
    </section>
  );
}
