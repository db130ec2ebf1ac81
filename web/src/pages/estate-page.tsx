/** Estate overview: totals, occupancy of beds per site as a chart, and the sites' table. */
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { BarChart } from '../components/bar-chart';
import { siteName } from '../components/site-name';
import { Empty, ErrorState, Loading } from '../components/states';
import { useFormat } from '../i18n/format';
import { Link } from '../router';
import { useApi } from '../use-api';

export default function EstatePage() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const { data: sites, error, loading, reload } = useApi(() => api.sites(), []);

  const totals = (sites ?? []).reduce(
    (sum, s) => ({
      beds: sum.beds + s.beds,
      occupied: sum.occupied + s.occupied,
      population: sum.population + s.population,
      cells: sum.cells + s.cells,
      out: sum.out + s.cellsOutOfService,
    }),
    { beds: 0, occupied: 0, population: 0, cells: 0, out: 0 },
  );

  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t('estate.title')}</h1>
        <p className="muted">{t('estate.subtitle')}</p>
      </header>
      {loading && <Loading />}
      {error && <ErrorState error={error} onRetry={reload} />}
      {sites && sites.length === 0 && <Empty>{t('estate.noSites')}</Empty>}
      {sites && sites.length > 0 && (
        <>
          <dl className="tiles">
            <div className="tile">
              <dt>{t('estate.sites')}</dt>
              <dd>{f.number(sites.length)}</dd>
            </div>
            <div className="tile">
              <dt>{t('estate.population')}</dt>
              <dd>{f.number(totals.population)}</dd>
            </div>
            <div className="tile">
              <dt>{t('estate.beds')}</dt>
              <dd>{f.number(totals.beds)}</dd>
            </div>
            <div className="tile">
              <dt>{t('estate.occupancy')}</dt>
              <dd>{f.percent(totals.beds ? totals.occupied / totals.beds : 0)}</dd>
            </div>
            <div className="tile">
              <dt>{t('estate.cellsOutOfService')}</dt>
              <dd>{f.number(totals.out)}</dd>
            </div>
          </dl>

          <figure className="panel">
            <figcaption>
              <h2>{t('estate.chartTitle')}</h2>
              <p className="muted legend">
                <span className="swatch swatch-fill" aria-hidden="true" /> {t('estate.occupied')}{' '}
                <span className="swatch swatch-track" aria-hidden="true" /> {t('estate.beds')}
              </p>
            </figcaption>
            <BarChart
              title={t('estate.chartTitle')}
              rows={sites.map((s) => ({
                key: s.id,
                label: siteName(s, i18n.language),
                value: s.occupied,
                capacity: s.beds,
              }))}
              format={f.number}
              valueLabel={t('estate.occupied')}
              capacityLabel={t('estate.beds')}
            />
          </figure>

          <div className="panel">
            <h2>{t('estate.tableTitle')}</h2>
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('estate.code')}</th>
                    <th scope="col">{t('estate.site')}</th>
                    <th scope="col" className="num">
                      {t('estate.blocks')}
                    </th>
                    <th scope="col" className="num">
                      {t('estate.wings')}
                    </th>
                    <th scope="col" className="num">
                      {t('estate.cells')}
                    </th>
                    <th scope="col" className="num">
                      {t('estate.cellsOutOfService')}
                    </th>
                    <th scope="col" className="num">
                      {t('estate.beds')}
                    </th>
                    <th scope="col" className="num">
                      {t('estate.population')}
                    </th>
                    <th scope="col" className="num">
                      {t('estate.occupancy')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {sites.map((s) => (
                    <tr key={s.id}>
                      <td className="code">{s.code}</td>
                      <td>
                        <Link to={`/detainees?siteId=${encodeURIComponent(s.id)}`}>
                          {siteName(s, i18n.language)}
                        </Link>
                      </td>
                      <td className="num">{f.number(s.blocks)}</td>
                      <td className="num">{f.number(s.wings)}</td>
                      <td className="num">{f.number(s.cells)}</td>
                      <td className="num">{f.number(s.cellsOutOfService)}</td>
                      <td className="num">{f.number(s.beds)}</td>
                      <td className="num">{f.number(s.population)}</td>
                      <td className="num">{f.percent(s.beds ? s.occupied / s.beds : 0)}</td>
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
