/** Statistics (Rule 10): population over time by a dimension (a small SVG chart), occupancy, CSV and printable report links. */
import { useTranslation } from 'react-i18next';
import { Empty, ErrorState, Loading } from '../components/states';
import { useFormat } from '../i18n/format';
import { useRoute } from '../router';
import { type PopulationSeries, safeguardsApi } from '../safeguards-api';
import { useApi } from '../use-api';

const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#7f7f7f'];

function Chart({ data, label }: { data: PopulationSeries; label: string }) {
  const w = 640;
  const h = 220;
  const pad = 30;
  const top = data.series.slice(0, COLOURS.length);
  const max = Math.max(1, ...top.flatMap((s) => s.values.map((v) => v ?? 0)));
  const x = (i: number) => pad + (i * (w - 2 * pad)) / Math.max(1, data.days.length - 1);
  const y = (v: number) => h - pad - (v * (h - 2 * pad)) / max;
  return (
    <figure className="panel">
      <svg
        role="img"
        aria-label={label}
        viewBox={`0 0 ${w} ${h}`}
        width="100%"
        style={{ maxWidth: w, direction: 'ltr' }}
      >
        <line x1={pad} y1={h - pad} x2={w - pad} y2={h - pad} stroke="#888" />
        <line x1={pad} y1={pad} x2={pad} y2={h - pad} stroke="#888" />
        <text x={pad - 4} y={pad} fontSize="10" textAnchor="end">
          {max}
        </text>
        <text x={pad} y={h - 8} fontSize="10">
          {data.days[0]}
        </text>
        <text x={w - pad} y={h - 8} fontSize="10" textAnchor="end">
          {data.days.at(-1)}
        </text>
        {top.map((s, k) => (
          <polyline
            key={s.key}
            fill="none"
            stroke={COLOURS[k]}
            strokeWidth="2"
            points={s.values
              .map((v, i) => (v === null ? null : `${x(i)},${y(v)}`))
              .filter(Boolean)
              .join(' ')}
          />
        ))}
      </svg>
      <figcaption>
        {top.map((s, k) => (
          <span key={s.key} style={{ marginInlineEnd: '1em' }}>
            <span style={{ color: COLOURS[k] }}>■</span> <bdi>{s.key}</bdi> ({s.values.at(-1) ?? '—'})
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

export default function StatisticsPage() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const { query, setQuery } = useRoute();
  const today = new Date().toISOString().slice(0, 10);
  const to = query.to ?? today;
  const from = query.from ?? new Date(Date.parse(to) - 90 * 86_400_000).toISOString().slice(0, 10);
  const by = query.by ?? 'nationality';
  const series = useApi(() => safeguardsApi.population(from, to, by), [from, to, by]);
  const occupancy = useApi(() => safeguardsApi.occupancy(), []);
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t('safeguards.statistics.title')}</h1>
        <a className="button" href={safeguardsApi.reportUrl(i18n.language)} target="_blank" rel="noreferrer">
          {t('safeguards.print')}
        </a>
      </header>
      <form className="filters panel" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="st-by">{t('safeguards.statistics.by')}</label>
          <select id="st-by" value={by} onChange={(e) => setQuery({ ...query, by: e.target.value })}>
            <option value="nationality">{t('safeguards.statistics.nationality')}</option>
            <option value="site">{t('safeguards.site')}</option>
            <option value="legalStatus">{t('safeguards.statistics.legalStatus')}</option>
            <option value="ageCategory">{t('safeguards.statistics.ageCategory')}</option>
            <option value="sex">{t('safeguards.statistics.sex')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="st-from">{t('safeguards.statistics.from')}</label>
          <input
            id="st-from"
            type="date"
            value={from}
            onChange={(e) => setQuery({ ...query, from: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="st-to">{t('safeguards.statistics.to')}</label>
          <input
            id="st-to"
            type="date"
            value={to}
            onChange={(e) => setQuery({ ...query, to: e.target.value })}
          />
        </div>
        <a className="button" href={safeguardsApi.populationCsvUrl(from, to, by)} download>
          {t('safeguards.statistics.csv')}
        </a>
        <a className="button" href={safeguardsApi.monthlyCsvUrl(from.slice(0, 7), to.slice(0, 7))} download>
          {t('safeguards.statistics.monthlyCsv')}
        </a>
      </form>
      {series.loading && <Loading />}
      {series.error && <ErrorState error={series.error} onRetry={series.reload} />}
      {series.data && series.data.series.length === 0 && <Empty>{t('safeguards.statistics.none')}</Empty>}
      {series.data && series.data.series.length > 0 && (
        <Chart data={series.data} label={t('safeguards.statistics.chart')} />
      )}
      {occupancy.data && (
        <div className="table-wrap panel">
          <h2>{t('safeguards.statistics.occupancy')}</h2>
          <table className="table">
            <thead>
              <tr>
                <th>{t('safeguards.site')}</th>
                <th>{t('safeguards.statistics.beds')}</th>
                <th>{t('safeguards.statistics.occupied')}</th>
                <th>{t('safeguards.statistics.rate')}</th>
              </tr>
            </thead>
            <tbody>
              {occupancy.data.sites.map((s) => (
                <tr key={s.siteId}>
                  <td>{s.code}</td>
                  <td>{f.number(s.beds)}</td>
                  <td>{f.number(s.occupied)}</td>
                  <td>{s.rate === null ? '—' : f.percent(s.rate / 100)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
