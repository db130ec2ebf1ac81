/** The detainee's incidents, seized items and contacts with their logged communications (privileged ones only for those with need-to-know). */
import { useTranslation } from 'react-i18next';
import { Empty, ErrorState, Loading } from '../components/states';
import { useFormat } from '../i18n/format';
import { incidentsApi } from '../incidents-api';
import { Link } from '../router';
import { useSession } from '../session';
import { useApi } from '../use-api';
import type { DetaineeSectionProps } from './registry';

export default function IncidentsSection({ detainee }: DetaineeSectionProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const incidents = useApi(() => incidentsApi.list({ detaineeId: detainee.id, pageSize: 20 }), [detainee.id]);
  const items = useApi(
    () =>
      can('contraband.read') ? incidentsApi.seizedItems({ detaineeId: detainee.id }) : Promise.resolve(null),
    [detainee.id],
  );
  const contacts = useApi(
    () => (can('comms.read') ? incidentsApi.contacts(detainee.id) : Promise.resolve(null)),
    [detainee.id],
  );
  const comms = useApi(
    () => (can('comms.read') ? incidentsApi.communications(detainee.id) : Promise.resolve(null)),
    [detainee.id],
  );
  if (incidents.loading) return <Loading />;
  if (incidents.error) return <ErrorState error={incidents.error} onRetry={incidents.reload} />;
  return (
    <div>
      <h3>{t('incidents.section.incidents')}</h3>
      {incidents.data!.items.length === 0 ? (
        <Empty>{t('incidents.none')}</Empty>
      ) : (
        <ul className="plain-list">
          {incidents.data!.items.map((i) => (
            <li key={i.id}>
              <Link to={`/incidents/${i.id}`}>{i.number}</Link> · {t(`incidents.types.${i.type}`)} ·{' '}
              {f.dateTime(i.occurredAt)}
            </li>
          ))}
        </ul>
      )}
      {items.data && (
        <>
          <h3>{t('incidents.section.seized')}</h3>
          {items.data.length === 0 ? (
            <Empty>{t('incidents.section.noSeized')}</Empty>
          ) : (
            <ul className="plain-list">
              {items.data.map((i) => (
                <li key={i.id}>
                  {t(`incidents.searches.itemTypes.${i.type}`)}: {i.description}{' '}
                  {i.imei && <span className="code">IMEI {i.imei}</span>}{' '}
                  {i.phoneNumber && <span className="code">{i.phoneNumber}</span>} · {f.dateTime(i.seizedAt)}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {contacts.data && (
        <>
          <h3>{t('incidents.section.contacts')}</h3>
          {contacts.data.length === 0 ? (
            <Empty>{t('incidents.section.noContacts')}</Empty>
          ) : (
            <ul className="plain-list">
              {contacts.data.map((c) => (
                <li key={c.id}>
                  {c.name} — {t(`incidents.section.kinds.${c.kind}`)} ·{' '}
                  {t(`incidents.section.contactStatuses.${c.status}`)}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {comms.data && comms.data.length > 0 && (
        <>
          <h3>{t('incidents.section.communications')}</h3>
          <ul className="plain-list">
            {comms.data.slice(0, 20).map((c) => (
              <li key={c.id}>
                {f.dateTime(c.at)} · {t(`incidents.section.modes.${c.mode}`)} · {c.counterpartName} (
                {t(`incidents.section.kinds.${c.counterpartKind}`)})
                {c.durationMinutes !== null &&
                  ` · ${t('incidents.section.minutes', { count: c.durationMinutes })}`}
                {c.privileged
                  ? ` · ${t('incidents.section.privileged')}`
                  : c.monitored
                    ? ` · ${t('incidents.section.monitored')}`
                    : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
