/** Population report: detainees arriving or in custody, by nationality, site or status; chart, table, CSV. */
import { useTranslation } from 'react-i18next';
import { api, REPORT_GROUPINGS, type PopulationRow, type ReportGrouping } from '../api';
import { BarChart } from '../components/bar-chart';
import { siteName } from '../components/site-name';
import { Empty, ErrorState, Loading } from '../components/states';
import { useFormat } from '../i18n/format';
import { useRoute } from '../router';
import { useApi } from '../use-api';

export default function ReportsPage() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const { query, setQuery } = useRoute();
  const by: ReportGrouping = (REPORT_GROUPINGS as readonly string[]).includes(query.by ?? '')
    ? (query.by as ReportGrouping)
    : 'nationality';
  const report = useApi(() => api.population(by), [by]);
  const sites = useApi(() => api.sites(), []);

  const labelOf = (row: PopulationRow): string => {
    const value = row[by] ?? '';
    if (by === 'nationality') return value ? f.country(value) : t('reports.unknown');
    if (by === 'status') return t(`common.status.${value}`, { defaultValue: value });
    const site = (sites.data ?? []).find((s) => s.code === value || s.id === value);
    return site ? siteName(site, i18n.language) : value;
  };
  const rows = [...(report.data ?? [])].sort((a, b) => b.count - a.count);
  const total = rows.reduce((n, r) => n + r.count, 0);
  const shown = rows.slice(0, 20);

  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header page-header-row">
        <div>
          <h1 id="page-title">{t('reports.title')}</h1>
          <p className="muted">{t('reports.subtitle')}</p>
        </div>
        <a className="button" href={api.populationCsvUrl(by)} download={`population-by-${by}.csv`}>
          {t('reports.downloadCsv')}
        </a>
      </header>
      <div className="segmented" role="radiogroup" aria-label={t('reports.groupBy')}>
        {REPORT_GROUPINGS.map((g) => (
          <button
            key={g}
            type="button"
            role="radio"
            aria-checked={g === by}
            className={`button${g === by ? ' button-selected' : ''}`}
            onClick={() => setQuery({ by: g })}
          >
            {t(`reports.by.${g}`)}
          </button>
        ))}
      </div>
      {report.loading && <Loading />}
      {report.error && <ErrorState error={report.error} onRetry={report.reload} />}
      {report.data && rows.length === 0 && <Empty />}
      {report.data && rows.length > 0 && (
        <>
          <figure className="panel">
            <figcaption>
              <h2>{t('reports.chartTitle', { by: t(`reports.by.${by}`) })}</h2>
              <p className="muted">
                {t('reports.total', { n: f.number(total) })}
                {rows.length > shown.length && <> · {t('reports.topN', { n: f.number(shown.length) })}</>}
              </p>
            </figcaption>
            <BarChart
              title={t('reports.chartTitle', { by: t(`reports.by.${by}`) })}
              rows={shown.map((r, i) => ({ key: `${r[by] ?? ''}-${i}`, label: labelOf(r), value: r.count }))}
              format={f.number}
            />
          </figure>
          <div className="panel">
            <div className="table-wrap">
              <table className="table table-compact">
                <thead>
                  <tr>
                    <th scope="col">{t(`reports.by.${by}`)}</th>
                    <th scope="col" className="num">
                      {t('reports.count')}
                    </th>
                    <th scope="col" className="num">
                      {t('reports.share')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r, i) => (
                    <tr key={`${r[by] ?? ''}-${i}`}>
                      <td>
                        {labelOf(r)} {by !== 'status' && <span className="muted code">{r[by]}</span>}
                      </td>
                      <td className="num">{f.number(r.count)}</td>
                      <td className="num">{f.percent(total ? r.count / total : 0)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </>
      )}
    </section>
  );
}
