/** Consular notification on the detainee page (Vienna Convention Art. 36): each record, its events, and adding one. */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';
import { Empty, ErrorState, Loading, useErrorMessage } from '../components/states';
import { useFormat } from '../i18n/format';
import { type ConsularRecord, legalApi } from '../legal-api';
import { useLegalLabels } from '../legal-labels';
import { useRoute } from '../router';
import { useSession } from '../session';
import { useApi } from '../use-api';
import type { DetaineeSectionProps } from './registry';

/** The detaining state (DETAINING_STATE in src/modules/repatriation): its nationals have no consular record. */
const DETAINING_STATE = 'IQ';
const EVENT_TYPES = [
  'informed',
  'requested',
  'declined',
  'notified',
  'letter_forwarded',
  'visit',
  'objection',
  'objection_withdrawn',
];

export default function ConsularSection({ detainee }: DetaineeSectionProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const errorMessage = useErrorMessage();
  const list = useApi(() => legalApi.consular({ detaineeId: detainee.id }), [detainee.id]);
  const [error, setError] = useState<string | null>(null);
  if (list.loading) return <Loading />;
  if (list.error) return <ErrorState error={list.error} onRetry={list.reload} />;
  const open = async (country: string) => {
    setError(null);
    try {
      await legalApi.openConsular({ detaineeId: detainee.id, country });
      list.reload();
    } catch (err) {
      setError(err instanceof ApiError ? errorMessage(err) : t('common.errors.server'));
    }
  };
  const missing = detainee.nationalities.filter(
    (c) => c !== DETAINING_STATE && !list.data!.some((r) => r.country === c),
  );
  return (
    <div>
      {list.data!.length === 0 && <Empty>{t('legal.consular.none')}</Empty>}
      {list.data!.map((r) => (
        <Record key={r.id} record={r} onChanged={list.reload} />
      ))}
      {can('consular.write') && missing.length > 0 && (
        <p className="actions">
          {missing.map((c) => (
            <button key={c} type="button" className="button" onClick={() => void open(c)}>
              {t('legal.consular.open', { country: f.country(c) })}
            </button>
          ))}
        </p>
      )}
      {error && (
        <p role="alert" className="state state-error">
          {error}
        </p>
      )}
    </div>
  );
}

function Record({ record, onChanged }: { record: ConsularRecord; onChanged(): void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const l = useLegalLabels();
  const { can } = useSession();
  const { navigate } = useRoute();
  const errorMessage = useErrorMessage();
  const [type, setType] = useState('informed');
  const [at, setAt] = useState('');
  const [channel, setChannel] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await legalApi.consularEvent(record.id, {
        type,
        occurredAt: new Date(at).toISOString(),
        channel: channel || null,
      });
      setAt('');
      setChannel('');
      onChanged();
    } catch (err) {
      setError(err instanceof ApiError ? errorMessage(err) : t('common.errors.invalid'));
    }
  };
  const yesNo = (v: boolean | null) =>
    v === null ? t('legal.consular.notAsked') : v ? t('legal.consular.yes') : t('legal.consular.no');
  return (
    <article className="panel">
      <h4>{f.country(record.country)}</h4>
      <dl className="facts">
        <dt>{t('legal.consular.informedAt')}</dt>
        <dd>{record.informedAt ? f.dateTime(record.informedAt) : t('legal.consular.notYet')}</dd>
        <dt>{t('legal.consular.requested')}</dt>
        <dd>{yesNo(record.requested)}</dd>
        <dt>{t('legal.consular.notifiedAt')}</dt>
        <dd>
          {record.notifiedAt ? f.dateTime(record.notifiedAt) : t('legal.consular.notYet')}
          {record.notifiedHow && (
            <>
              {' '}
              · <span data-value>{record.notifiedHow}</span>
            </>
          )}
        </dd>
        <dt>{t('legal.consular.letters')}</dt>
        <dd>{f.number(record.lettersForwarded)}</dd>
        <dt>{t('legal.consular.visits')}</dt>
        <dd>{f.number(record.visits)}</dd>
        <dt>{t('legal.consular.objection')}</dt>
        <dd>{record.objection ? t('legal.consular.yes') : t('legal.consular.no')}</dd>
      </dl>
      <ul className="timeline">
        {record.events.map((e) => (
          <li key={e.id}>
            {f.dateTime(e.occurredAt)} · {l.consularEvent(e.type)}
            {e.channel && (
              <>
                {' '}
                · <span data-value>{e.channel}</span>
              </>
            )}
            {e.detail && (
              <>
                {' '}
                — <span data-value>{e.detail}</span>
              </>
            )}
          </li>
        ))}
      </ul>
      {can('repatriation.write') && (
        <p className="actions">
          <button
            type="button"
            className="button"
            onClick={() =>
              void legalApi
                .openRepatriation({ detaineeId: record.detaineeId, requestingState: record.country })
                .then(
                  (c) => navigate(`/repatriation/${c.id}`),
                  (err: unknown) =>
                    setError(err instanceof ApiError ? errorMessage(err) : t('common.errors.server')),
                )
            }
          >
            {t('legal.repatriation.open', { state: f.country(record.country) })}
          </button>
        </p>
      )}
      {can('consular.write') && (
        <form className="filters" onSubmit={submit}>
          <div className="field">
            <label htmlFor={`ce-type-${record.id}`}>{t('legal.consular.event')}</label>
            <select id={`ce-type-${record.id}`} value={type} onChange={(e) => setType(e.target.value)}>
              {EVENT_TYPES.map((v) => (
                <option key={v} value={v}>
                  {l.consularEvent(v)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`ce-at-${record.id}`}>{t('legal.consular.when')}</label>
            <input
              id={`ce-at-${record.id}`}
              type="datetime-local"
              required
              value={at}
              onChange={(e) => setAt(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`ce-channel-${record.id}`}>{t('legal.consular.channel')}</label>
            <input
              id={`ce-channel-${record.id}`}
              value={channel}
              onChange={(e) => setChannel(e.target.value)}
            />
          </div>
          <button type="submit" className="button">
            {t('legal.consular.add')}
          </button>
          {error && (
            <p role="alert" className="state state-error">
              {error}
            </p>
          )}
        </form>
      )}
    </article>
  );
}
