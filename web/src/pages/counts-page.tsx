/**
 * Roll counts: the establishment roll of a site, then a count — start it, enter each unit's
 * number, explain any discrepancy, close it (refused while a discrepancy is unexplained).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import './monitoring.css';
import { api, ApiError } from '../api';
import { siteName } from '../components/site-name';
import { ErrorState, Loading, useErrorMessage } from '../components/states';
import { useFormat } from '../i18n/format';
import { type CountUnit, monitoringApi } from '../monitoring-api';
import { useRoute } from '../router';
import { useSession } from '../session';
import { useApi } from '../use-api';

export default function CountsPage() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const errorText = useErrorMessage();
  const { can } = useSession();
  const { query, setQuery } = useRoute();
  const sites = useApi(() => api.sites(), []);
  const siteId = query.siteId ?? sites.data?.[0]?.id ?? '';
  const roll = useApi(() => (siteId ? monitoringApi.roll(siteId) : Promise.resolve(null)), [siteId]);
  const open = useApi(
    () => (siteId ? monitoringApi.counts(siteId, 'open') : Promise.resolve({ items: [] })),
    [siteId],
  );
  const countId = query.countId ?? open.data?.items[0]?.id ?? '';
  const count = useApi(() => (countId ? monitoringApi.count(countId) : Promise.resolve(null)), [countId]);
  const [error, setError] = useState<string | null>(null);
  const writable = can('count.write');

  const act = async (run: () => Promise<unknown>) => {
    setError(null);
    try {
      await run();
      count.reload();
      open.reload();
      roll.reload();
    } catch (e) {
      setError(e instanceof ApiError ? errorText(e) : String(e));
    }
  };

  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t('monitoring.counts.title')}</h1>
      </header>
      <form className="filters panel" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="count-site">{t('monitoring.site')}</label>
          <select
            id="count-site"
            value={siteId}
            onChange={(e) => setQuery({ siteId: e.target.value, countId: null })}
          >
            {(sites.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.code} — {siteName(s, i18n.language)}
              </option>
            ))}
          </select>
        </div>
      </form>
      {roll.data && (
        <dl className="panel figures-grid" aria-label={t('monitoring.counts.roll')}>
          <dt>{t('monitoring.counts.inCustody')}</dt>
          <dd>{f.number(roll.data.inCustody)}</dd>
          <dt>{t('monitoring.counts.inToday')}</dt>
          <dd>{f.number(roll.data.inToday)}</dd>
          <dt>{t('monitoring.counts.outToday')}</dt>
          <dd>{f.number(roll.data.outToday)}</dd>
          <dt>{t('monitoring.counts.enRoute')}</dt>
          <dd>{f.number(roll.data.enRoute)}</dd>
          <dt>{t('monitoring.counts.unassigned')}</dt>
          <dd>{f.number(roll.data.unassigned)}</dd>
        </dl>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {!countId && writable && siteId && (
        <div className="panel">
          <button
            type="button"
            onClick={() =>
              void act(async () => setQuery({ countId: (await monitoringApi.startCount(siteId, 'wing')).id }))
            }
          >
            {t('monitoring.counts.startWings')}
          </button>{' '}
          <button
            type="button"
            onClick={() =>
              void act(async () => setQuery({ countId: (await monitoringApi.startCount(siteId, 'cell')).id }))
            }
          >
            {t('monitoring.counts.startCells')}
          </button>
        </div>
      )}
      {count.loading && !count.data && <Loading />}
      {count.error && <ErrorState error={count.error} onRetry={count.reload} />}
      {count.data && (
        <>
          <p role="status">
            {t('monitoring.counts.summary', {
              counted: f.number(count.data.counted),
              expected: f.number(count.data.expected),
              unresolved: f.number(count.data.unresolved),
            })}
          </p>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('monitoring.counts.unit')}</th>
                <th scope="col">{t('monitoring.counts.expected')}</th>
                <th scope="col">{t('monitoring.counts.counted')}</th>
                <th scope="col">{t('monitoring.counts.discrepancy')}</th>
              </tr>
            </thead>
            <tbody>
              {count.data.units.map((u) => (
                <UnitRow
                  key={u.id}
                  unit={u}
                  open={count.data!.status === 'open' && writable}
                  onEnter={(n) => act(() => monitoringApi.enter(count.data!.id, u.id, n))}
                  onResolve={(r) => act(() => monitoringApi.resolve(count.data!.id, u.id, r))}
                />
              ))}
            </tbody>
          </table>
          {count.data.status === 'open' && writable && (
            <button
              type="button"
              onClick={() =>
                void act(async () => {
                  await monitoringApi.closeCount(count.data!.id);
                  setQuery({ countId: count.data!.id });
                })
              }
            >
              {t('monitoring.counts.close')}
            </button>
          )}
          {count.data.status === 'closed' && (
            <p>{t('monitoring.counts.closed', { time: f.dateTime(count.data.closedAt) })}</p>
          )}
        </>
      )}
    </section>
  );
}

function UnitRow({
  unit,
  open,
  onEnter,
  onResolve,
}: {
  unit: CountUnit;
  open: boolean;
  onEnter(n: number): Promise<void>;
  onResolve(reason: string): Promise<void>;
}) {
  const { t } = useTranslation();
  const [value, setValue] = useState(unit.counted === null ? '' : String(unit.counted));
  const [reason, setReason] = useState('');
  return (
    <tr className={unit.discrepancy ? 'discrepancy' : undefined}>
      <th scope="row">{unit.code}</th>
      <td>{unit.expected}</td>
      <td>
        {open ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void onEnter(Number(value));
            }}
          >
            <input
              aria-label={t('monitoring.counts.countedFor', { unit: unit.code })}
              inputMode="numeric"
              pattern="[0-9]*"
              value={value}
              onChange={(e) => setValue(e.target.value)}
              size={4}
              required
            />
            <button type="submit">{t('monitoring.counts.enter')}</button>
          </form>
        ) : (
          (unit.counted ?? '—')
        )}
      </td>
      <td>
        {unit.discrepancy ? (
          unit.resolution ? (
            `${unit.discrepancy > 0 ? '+' : ''}${unit.discrepancy}: ${unit.resolution.reason}`
          ) : open ? (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void onResolve(reason);
              }}
            >
              <input
                aria-label={t('monitoring.counts.reasonFor', { unit: unit.code })}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                required
                minLength={3}
              />
              <button type="submit">{t('monitoring.counts.resolve')}</button>
            </form>
          ) : (
            String(unit.discrepancy)
          )
        ) : (
          '—'
        )}
      </td>
    </tr>
  );
}
