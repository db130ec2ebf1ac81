/** Segregation on the detainee page: each period with its day count, Rule 44 breach, reviews and medical checks. */
import { useTranslation } from 'react-i18next';
import { Empty, ErrorState, Loading } from '../components/states';
import { housingApi } from '../housing-api';
import { useFormat } from '../i18n/format';
import { useApi } from '../use-api';
import type { DetaineeSectionProps } from './registry';

export default function SegregationSection({ detainee }: DetaineeSectionProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const list = useApi(() => housingApi.segregations(detainee.id), [detainee.id]);
  if (list.loading) return <Loading />;
  if (list.error) return <ErrorState error={list.error} onRetry={list.reload} />;
  if (!list.data || list.data.length === 0) return <Empty>{t('housing.segregation.none')}</Empty>;
  return (
    <ul className="plain-list">
      {list.data.map((s) => (
        <li key={s.id}>
          <p>
            <span
              className={`badge ${s.breach ? 'badge-severity-critical' : s.active && s.day >= 13 ? 'badge-severity-warning' : ''}`}
            >
              {t('housing.segregation.day', { day: f.number(s.day) })}
            </span>
            {s.breach && <strong> {t('housing.segregation.breach')}</strong>}
          </p>
          <dl className="facts">
            <dt>{t('housing.segregation.started')}</dt>
            <dd>{f.dateTime(s.startedAt)}</dd>
            <dt>{t('housing.segregation.plannedEnd')}</dt>
            <dd>{f.dateTime(s.plannedEnd)}</dd>
            <dt>{t('housing.segregation.reason')}</dt>
            <dd data-value>{s.reason}</dd>
            <dt>{t('housing.segregation.authority')}</dt>
            <dd data-value>{s.authority}</dd>
            <dt>{t('housing.segregation.lastMedical')}</dt>
            <dd>
              {s.lastMedicalCheckAt ? f.dateTime(s.lastMedicalCheckAt) : t('housing.segregation.never')}
            </dd>
          </dl>
          {s.endedAt && (
            <p className="muted">
              {t('housing.segregation.ended', { at: f.dateTime(s.endedAt), reason: s.endReason ?? '' })}
            </p>
          )}
          {s.reviews.length > 0 && (
            <>
              <h4>{t('housing.segregation.reviews')}</h4>
              <ul className="timeline">
                {s.reviews.map((r) => (
                  <li key={r.id}>
                    <span className="code">{r.kind}</span> · <span data-value>{r.outcome}</span> ·{' '}
                    {f.dateTime(r.at)} · <span data-value>{r.by}</span>
                    {r.note && (
                      <>
                        {' '}
                        — <span data-value>{r.note}</span>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
