/** The audit: who did and who viewed what, filtered by subject (e.g. one detainee) or by actor. */
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { Pager } from '../components/pager';
import { Empty, ErrorState, Loading } from '../components/states';
import { useFormat } from '../i18n/format';
import { Link, useRoute } from '../router';
import { useApi } from '../use-api';

const PAGE_SIZE = 50;
const FIELDS = ['subjectType', 'subjectId', 'actorId', 'action'] as const;
type Field = (typeof FIELDS)[number];

export default function AuditPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { query, setQuery } = useRoute();
  const page = Math.max(1, Number(query.page) || 1);
  const [form, setForm] = useState<Record<Field, string>>(
    () => Object.fromEntries(FIELDS.map((k) => [k, query[k] ?? ''])) as Record<Field, string>,
  );
  useEffect(
    () => setForm(Object.fromEntries(FIELDS.map((k) => [k, query[k] ?? ''])) as Record<Field, string>),
    [query.subjectType, query.subjectId, query.actorId, query.action],
  );
  const list = useApi(
    () =>
      api.audit({
        subjectType: query.subjectType,
        subjectId: query.subjectId,
        actorId: query.actorId,
        action: query.action,
        page,
        pageSize: PAGE_SIZE,
      }),
    [query.subjectType, query.subjectId, query.actorId, query.action, page],
  );

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setQuery({ ...Object.fromEntries(FIELDS.map((k) => [k, form[k].trim()])), page: null });
  };

  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t('audit.title')}</h1>
        <p className="muted">{t('audit.subtitle')}</p>
      </header>
      <form className="filters panel" onSubmit={apply} aria-label={t('audit.filters')}>
        {FIELDS.map((k) => (
          <div className="field" key={k}>
            <label htmlFor={`audit-${k}`}>{t(`audit.fields.${k}`)}</label>
            <input
              id={`audit-${k}`}
              value={form[k]}
              dir="ltr"
              onChange={(e) => setForm({ ...form, [k]: e.target.value })}
            />
          </div>
        ))}
        <div className="field field-actions">
          <button type="submit" className="button button-primary">
            {t('audit.apply')}
          </button>
          <button
            type="button"
            className="button button-quiet"
            onClick={() =>
              setQuery({ subjectType: null, subjectId: null, actorId: null, action: null, page: null })
            }
          >
            {t('audit.clear')}
          </button>
        </div>
      </form>
      {list.loading && <Loading />}
      {list.error && <ErrorState error={list.error} onRetry={list.reload} />}
      {list.data && list.data.items.length === 0 && <Empty>{t('audit.none')}</Empty>}
      {list.data && list.data.items.length > 0 && (
        <div className="panel">
          <div className="table-wrap">
            <table className="table table-compact">
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t('audit.seq')}
                  </th>
                  <th scope="col">{t('audit.at')}</th>
                  <th scope="col">{t('audit.actor')}</th>
                  <th scope="col">{t('audit.action')}</th>
                  <th scope="col">{t('audit.subject')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((e) => (
                  <tr key={e.seq}>
                    <td className="num">{f.number(e.seq)}</td>
                    <td>{f.dateTime(e.at)}</td>
                    <td>
                      {e.actorId ? (
                        <Link to={`/audit?actorId=${encodeURIComponent(e.actorId)}`} data-value>
                          {e.actorName}
                        </Link>
                      ) : (
                        <span data-value>{e.actorName}</span>
                      )}
                    </td>
                    <td className="code">{e.action}</td>
                    <td className="code">
                      {e.subjectType === 'detainee' && e.subjectId ? (
                        <Link to={`/detainees/${encodeURIComponent(e.subjectId)}`}>
                          {e.subjectType} {e.subjectId.slice(0, 8)}
                        </Link>
                      ) : (
                        <>
                          {e.subjectType} {e.subjectId?.slice(0, 8)}
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            page={list.data.page}
            pageSize={list.data.pageSize}
            total={list.data.total}
            onPage={(p) => setQuery({ page: p })}
          />
        </div>
      )}
    </section>
  );
}
