/** Repatriation: nationality figures (charts), and cases by requesting state and stage. */
import { useTranslation } from 'react-i18next';
import { BarChart } from '../components/bar-chart';
import { Pager } from '../components/pager';
import { Empty, ErrorState, Loading } from '../components/states';
import { useFormat } from '../i18n/format';
import { legalApi } from '../legal-api';
import { useLegalLabels } from '../legal-labels';
import { Link, useRoute } from '../router';
import { useApi } from '../use-api';

const STAGES = [
  'request_received',
  'identity_verified',
  'consular_interview',
  'judicial_clearance',
  'approved',
  'handover_scheduled',
  'handed_over',
  'refused',
  'withdrawn',
  'suspended',
];

export default function RepatriationPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const l = useLegalLabels();
  const { query, setQuery } = useRoute();
  const page = Math.max(1, Number(query.page) || 1);
  const figures = useApi(() => legalApi.figures(), []);
  const list = useApi(
    () => legalApi.repatriations({ stage: query.stage, state: query.state, page, pageSize: 25 }),
    [query.stage, query.state, page],
  );
  const byStage = new Map<string, number>();
  for (const r of figures.data?.casesByStateStage ?? [])
    byStage.set(r.stage, (byStage.get(r.stage) ?? 0) + r.count);
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t('legal.repatriation.title')}</h1>
      </header>
      <p className="muted">{t('legal.repatriation.howToOpen')}</p>
      {figures.error && <ErrorState error={figures.error} onRetry={figures.reload} />}
      {figures.data && (
        <div className="panel">
          <BarChart
            title={t('legal.repatriation.byNationality')}
            rows={figures.data.byNationality
              .slice(0, 15)
              .map((n) => ({ key: n.country, label: f.country(n.country), value: n.inCustody }))}
            format={f.number}
          />
          <BarChart
            title={t('legal.repatriation.byStage')}
            rows={STAGES.filter((s) => byStage.has(s)).map((s) => ({
              key: s,
              label: l.repatriationStage(s),
              value: byStage.get(s)!,
            }))}
            format={f.number}
          />
        </div>
      )}
      <form className="filters panel" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="r-stage">{t('legal.repatriation.stage')}</label>
          <select
            id="r-stage"
            value={query.stage ?? ''}
            onChange={(e) => setQuery({ stage: e.target.value, page: null })}
          >
            <option value="">{t('legal.repatriation.allStages')}</option>
            {STAGES.map((s) => (
              <option key={s} value={s}>
                {l.repatriationStage(s)}
              </option>
            ))}
          </select>
        </div>
      </form>
      {list.loading && <Loading />}
      {list.error && <ErrorState error={list.error} onRetry={list.reload} />}
      {list.data && list.data.items.length === 0 && <Empty>{t('legal.repatriation.none')}</Empty>}
      {list.data && list.data.items.length > 0 && (
        <>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('legal.repatriation.state')}</th>
                <th scope="col">{t('legal.cases.detainee')}</th>
                <th scope="col">{t('legal.repatriation.stage')}</th>
                <th scope="col">{t('legal.repatriation.requestedOn')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`/repatriation/${r.id}`}>{f.country(r.requestingState)}</Link>
                  </td>
                  <td data-value>{r.detaineeNumber}</td>
                  <td>{l.repatriationStage(r.stage)}</td>
                  <td>{f.date(r.requestedOn)}</td>
                </tr>
              ))}
            </tbody>
          </table>
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
