/**
 * Housing on the detainee page: the move history, and the move dialog (wing, cell, reason) that
 * checks first — blocked, or warned and confirmed, or done.
 */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';
import { Empty, ErrorState, Loading, useErrorMessage } from '../components/states';
import { housingApi, type MoveCheck } from '../housing-api';
import { useFormat } from '../i18n/format';
import { useSession } from '../session';
import { useApi } from '../use-api';
import type { DetaineeSectionProps } from './registry';

export default function HousingSection({ detainee }: DetaineeSectionProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const moves = useApi(() => housingApi.moves(detainee.id), [detainee.id]);
  const [open, setOpen] = useState(false);
  const movable = can('housing.move') && (detainee.status === 'in_custody' || detainee.status === 'arriving');
  return (
    <>
      <h3>{t('housing.move.history')}</h3>
      {moves.loading && <Loading />}
      {moves.error && <ErrorState error={moves.error} onRetry={moves.reload} />}
      {moves.data && moves.data.length === 0 && <Empty>{t('housing.move.none')}</Empty>}
      {moves.data && moves.data.length > 0 && (
        <ul className="timeline">
          {moves.data.map((m) => (
            <li key={m.id}>
              <span className="code">{m.fromCellCode ?? '—'}</span> →{' '}
              <span className="code">{m.toCellCode ?? '—'}</span> · {f.dateTime(m.movedAt)} ·{' '}
              <span data-value>{m.movedBy}</span>
              <div className="muted small" data-value>
                {m.planId ? `${t('housing.move.plan')}: ${m.reason}` : m.reason}
              </div>
              {m.warningsConfirmed && (
                <div className="small">
                  {t('housing.move.confirmedWarnings')}
                  {m.warningsConfirmed.length > 0 && (
                    <>
                      : <span data-value>{m.warningsConfirmed.join('; ')}</span>
                    </>
                  )}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {movable && !open && (
        <button type="button" className="button" onClick={() => setOpen(true)}>
          {t('housing.move.open')}
        </button>
      )}
      {movable && open && (
        <MoveDialog
          detaineeId={detainee.id}
          siteId={detainee.siteId}
          onDone={() => {
            setOpen(false);
            moves.reload();
          }}
          onCancel={() => setOpen(false)}
        />
      )}
    </>
  );
}

function MoveDialog({
  detaineeId,
  siteId,
  onDone,
  onCancel,
}: {
  detaineeId: string;
  siteId: string;
  onDone(): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const errorMessage = useErrorMessage();
  const site = useApi(() => housingApi.site(siteId), [siteId]);
  const [wingId, setWingId] = useState('');
  const cells = useApi(() => (wingId ? housingApi.cells(wingId) : Promise.resolve([])), [wingId]);
  const [cellId, setCellId] = useState('');
  const [reason, setReason] = useState('');
  const [check, setCheck] = useState<MoveCheck | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const wings = (site.data?.blockList ?? []).flatMap((b) =>
    b.wings.map((w) => ({ ...w, blockCode: b.code })),
  );

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(
        err instanceof ApiError ? `${errorMessage(err)} ${err.body.message}` : t('common.errors.server'),
      );
    } finally {
      setBusy(false);
    }
  };
  const doCheck = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => setCheck(await housingApi.moveCheck(detaineeId, cellId)));
  };
  const doMove = (confirm: boolean) =>
    run(async () => {
      await housingApi.move(detaineeId, { toCellId: cellId, reason: reason.trim(), confirm });
      onDone();
    });

  return (
    <form className="panel form-grid" onSubmit={doCheck} aria-label={t('housing.move.open')}>
      <div className="field">
        <label htmlFor="move-wing">{t('housing.move.wing')}</label>
        <select
          id="move-wing"
          value={wingId}
          onChange={(e) => {
            setWingId(e.target.value);
            setCellId('');
            setCheck(null);
          }}
        >
          <option value="" />
          {wings.map((w) => (
            <option key={w.id} value={w.id}>
              {w.blockCode} / {w.code}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="move-cell">{t('housing.move.cell')}</label>
        <select
          id="move-cell"
          value={cellId}
          onChange={(e) => {
            setCellId(e.target.value);
            setCheck(null);
          }}
        >
          <option value="" />
          {(cells.data ?? []).map((c) => (
            <option key={c.id} value={c.id}>
              {c.code} —{' '}
              {c.outOfService
                ? t('housing.move.outOfService')
                : t('housing.move.free', {
                    free: f.number(Math.max(0, c.capacity - c.occupied)),
                    capacity: f.number(c.capacity),
                  })}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-grow">
        <label htmlFor="move-reason">{t('housing.move.reason')}</label>
        <input id="move-reason" required value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      <div className="field-actions">
        <button className="button" disabled={busy || !cellId}>
          {t('housing.move.check')}
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel}>
          {t('housing.move.stop')}
        </button>
      </div>
      {check && !check.allowed && (
        <div className="state state-error" role="alert">
          <p>{t('housing.move.blocked')}</p>
          <ul>
            {check.blocks.map((b) => (
              <li key={b} data-value>
                {b}
              </li>
            ))}
          </ul>
        </div>
      )}
      {check && check.allowed && check.requiresConfirmation && (
        <div className="banner" role="alert">
          <p>{t('housing.move.warned')}</p>
          <ul>
            {check.warnings.map((w) => (
              <li key={w} data-value>
                {w}
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="button button-primary"
            disabled={busy || !reason.trim()}
            onClick={() => doMove(true)}
          >
            {t('housing.move.confirm')}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            {t('housing.move.stop')}
          </button>
        </div>
      )}
      {check && check.allowed && !check.requiresConfirmation && (
        <button
          type="button"
          className="button button-primary"
          disabled={busy || !reason.trim()}
          onClick={() => doMove(false)}
        >
          {t('housing.move.submit')}
        </button>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
