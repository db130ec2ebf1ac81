/**
 * Who viewed or changed this file, from the audit (audit.read): the latest entries and a link to
 * the full audit view for this detainee. Also the model for other capabilities' sections.
 */
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { Empty, ErrorState, Loading } from '../components/states';
import { useFormat } from '../i18n/format';
import { Link } from '../router';
import { useApi } from '../use-api';
import type { DetaineeSectionProps } from './registry';

export default function RecordViewsSection({ detainee }: DetaineeSectionProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const { data, error, loading, reload } = useApi(
    () => api.audit({ subjectType: 'detainee', subjectId: detainee.id, pageSize: 5 }),
    [detainee.id],
  );
  if (loading) return <Loading />;
  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (!data || data.items.length === 0) return <Empty />;
  return (
    <>
      <ul className="plain-list">
        {data.items.map((e) => (
          <li key={e.seq}>
            <span data-value>{e.actorName}</span> · <span className="code">{e.action}</span> ·{' '}
            {f.dateTime(e.at)}
          </li>
        ))}
      </ul>
      <p>
        <Link to={`/audit?subjectType=detainee&subjectId=${encodeURIComponent(detainee.id)}`}>
          {t('audit.section.all', { count: data.total, n: f.number(data.total) })}
        </Link>
      </p>
    </>
  );
}
