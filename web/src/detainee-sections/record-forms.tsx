/**
 * Forms for the Rule 7/8 sections of the record: family (children's ages and who cares for them),
 * emergency contacts, property with its sealed bag and signatures, its return on release, and
 * complaints of earlier ill-treatment (need-to-know: the medical section shows that form only to
 * roles that may write it). Each posts to its section's route and calls `onSaved`.
 */
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';
import { useErrorMessage } from '../components/states';
import { recordApi } from '../register-record-api';

/** Family relations, as the API names them; labels are `register-record.relations.<relation>`. */
export const FAMILY_RELATIONS = [
  'mother',
  'father',
  'spouse',
  'child',
  'sibling',
  'guardian',
  'other',
] as const;

interface FormProps {
  detaineeId: string;
  onSaved(): void;
}

/** Fields left empty are not sent (the API takes a missing field as unknown). */
function filled(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '' && v !== null));
}

/** A datetime-local value (the officer's local time) as the API's ISO instant. */
function instant(local: string): string {
  return new Date(local).toISOString();
}

/** Now, as a datetime-local value in the officer's time zone: the form's default. */
export function localNow(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** Submits, shows the API's refusal in words, and clears the form once saved. */
function useSubmit(onSaved: () => void) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent, action: () => Promise<unknown>, reset: () => void) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await action();
      reset();
      onSaved();
    } catch (err) {
      setError(err instanceof ApiError ? errorMessage(err) : t('common.errors.server'));
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, submit };
}

function Field({
  id,
  label,
  hint,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
    </div>
  );
}

function FormError({ error }: { error: string | null }) {
  return error ? (
    <p className="form-error field-wide" role="alert">
      {error}
    </p>
  ) : null;
}

export function FamilyForm({ detaineeId, onSaved }: FormProps) {
  const { t } = useTranslation();
  const empty = { relation: 'child', name: '', age: '', caredForBy: '', contact: '' };
  const [v, setV] = useState(empty);
  const { error, busy, submit } = useSubmit(onSaved);
  return (
    <form
      className="form-grid"
      aria-labelledby="rr-family-title"
      onSubmit={(e) =>
        submit(
          e,
          () =>
            recordApi.addItem(detaineeId, 'family', filled({ ...v, age: v.age === '' ? '' : Number(v.age) })),
          () => setV(empty),
        )
      }
    >
      <h5 id="rr-family-title" className="field-wide">
        {t('register-record.family.add')}
      </h5>
      <Field id="rr-family-relation" label={t('register-record.family.relation')}>
        <select
          id="rr-family-relation"
          value={v.relation}
          onChange={(e) => setV({ ...v, relation: e.target.value })}
        >
          {FAMILY_RELATIONS.map((r) => (
            <option key={r} value={r}>
              {t(`register-record.relations.${r}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="rr-family-name" label={t('register-record.family.name')}>
        <input
          id="rr-family-name"
          value={v.name}
          onChange={(e) => setV({ ...v, name: e.target.value })}
          required
        />
      </Field>
      <Field id="rr-family-age" label={t('register-record.family.age')}>
        <input
          id="rr-family-age"
          type="number"
          min={0}
          max={120}
          className="input-short"
          value={v.age}
          onChange={(e) => setV({ ...v, age: e.target.value })}
        />
      </Field>
      <Field
        id="rr-family-cared"
        label={t('register-record.family.caredForBy')}
        hint={t('register-record.family.caredForByHint')}
      >
        <input
          id="rr-family-cared"
          aria-describedby="rr-family-cared-hint"
          value={v.caredForBy}
          onChange={(e) => setV({ ...v, caredForBy: e.target.value })}
        />
      </Field>
      <Field id="rr-family-contact" label={t('register-record.family.contact')}>
        <input
          id="rr-family-contact"
          value={v.contact}
          onChange={(e) => setV({ ...v, contact: e.target.value })}
        />
      </Field>
      <FormError error={error} />
      <div className="actions field-wide">
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('register-record.family.save')}
        </button>
      </div>
    </form>
  );
}

export function EmergencyContactForm({ detaineeId, onSaved }: FormProps) {
  const { t } = useTranslation();
  const empty = { name: '', relation: '', phone: '', address: '' };
  const [v, setV] = useState(empty);
  const { error, busy, submit } = useSubmit(onSaved);
  return (
    <form
      className="form-grid"
      aria-labelledby="rr-contact-title"
      onSubmit={(e) =>
        submit(
          e,
          () => recordApi.addItem(detaineeId, 'emergency-contacts', filled(v)),
          () => setV(empty),
        )
      }
    >
      <h5 id="rr-contact-title" className="field-wide">
        {t('register-record.contact.add')}
      </h5>
      <Field id="rr-contact-name" label={t('register-record.contact.name')}>
        <input
          id="rr-contact-name"
          value={v.name}
          onChange={(e) => setV({ ...v, name: e.target.value })}
          required
        />
      </Field>
      <Field id="rr-contact-relation" label={t('register-record.contact.relation')}>
        <input
          id="rr-contact-relation"
          value={v.relation}
          onChange={(e) => setV({ ...v, relation: e.target.value })}
          required
        />
      </Field>
      <Field id="rr-contact-phone" label={t('register-record.contact.phone')}>
        <input
          id="rr-contact-phone"
          type="tel"
          dir="ltr"
          pattern="[+0-9 ()\-]{3,30}"
          value={v.phone}
          onChange={(e) => setV({ ...v, phone: e.target.value })}
        />
      </Field>
      <Field id="rr-contact-address" label={t('register-record.contact.address')}>
        <input
          id="rr-contact-address"
          value={v.address}
          onChange={(e) => setV({ ...v, address: e.target.value })}
        />
      </Field>
      <FormError error={error} />
      <div className="actions field-wide">
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('register-record.contact.save')}
        </button>
      </div>
    </form>
  );
}

export function PropertyForm({ detaineeId, onSaved }: FormProps) {
  const { t } = useTranslation();
  const blank = () => ({
    bagNumber: '',
    receivedAt: localNow(),
    detaineeSignature: '',
    officerSignature: '',
  });
  const [v, setV] = useState(blank);
  const [lines, setLines] = useState([{ description: '', quantity: '1' }]);
  const { error, busy, submit } = useSubmit(onSaved);
  const setLine = (i: number, patch: Partial<{ description: string; quantity: string }>) =>
    setLines(lines.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  return (
    <form
      className="form-grid"
      aria-labelledby="rr-property-title"
      onSubmit={(e) =>
        submit(
          e,
          () =>
            recordApi.addItem(detaineeId, 'property', {
              ...v,
              receivedAt: instant(v.receivedAt),
              items: lines.map((l) => ({ description: l.description, quantity: Number(l.quantity) })),
            }),
          () => {
            setV(blank());
            setLines([{ description: '', quantity: '1' }]);
          },
        )
      }
    >
      <h5 id="rr-property-title" className="field-wide">
        {t('register-record.property.add')}
      </h5>
      <Field id="rr-property-bag" label={t('register-record.property.bag')}>
        <input
          id="rr-property-bag"
          dir="ltr"
          value={v.bagNumber}
          onChange={(e) => setV({ ...v, bagNumber: e.target.value })}
          required
        />
      </Field>
      <Field id="rr-property-received" label={t('register-record.property.receivedAt')}>
        <input
          id="rr-property-received"
          type="datetime-local"
          value={v.receivedAt}
          onChange={(e) => setV({ ...v, receivedAt: e.target.value })}
          required
        />
      </Field>
      <fieldset className="field-wide">
        <legend>{t('register-record.property.items')}</legend>
        {lines.map((l, i) => (
          <div className="input-with-button" key={i}>
            <Field
              id={`rr-property-desc-${i}`}
              label={t('register-record.property.description', { n: i + 1 })}
            >
              <input
                id={`rr-property-desc-${i}`}
                value={l.description}
                onChange={(e) => setLine(i, { description: e.target.value })}
                required
              />
            </Field>
            <Field id={`rr-property-qty-${i}`} label={t('register-record.property.quantity')}>
              <input
                id={`rr-property-qty-${i}`}
                type="number"
                min={1}
                className="input-short"
                value={l.quantity}
                onChange={(e) => setLine(i, { quantity: e.target.value })}
                required
              />
            </Field>
            {lines.length > 1 && (
              <button
                type="button"
                className="button button-quiet"
                onClick={() => setLines(lines.filter((_, j) => j !== i))}
              >
                {t('register-record.property.removeLine', { n: i + 1 })}
              </button>
            )}
          </div>
        ))}
        <button
          type="button"
          className="button"
          onClick={() => setLines([...lines, { description: '', quantity: '1' }])}
        >
          {t('register-record.property.addLine')}
        </button>
      </fieldset>
      <Field id="rr-property-dsig" label={t('register-record.property.detaineeSignature')}>
        <input
          id="rr-property-dsig"
          value={v.detaineeSignature}
          onChange={(e) => setV({ ...v, detaineeSignature: e.target.value })}
          required
        />
      </Field>
      <Field id="rr-property-osig" label={t('register-record.property.officerSignature')}>
        <input
          id="rr-property-osig"
          value={v.officerSignature}
          onChange={(e) => setV({ ...v, officerSignature: e.target.value })}
          required
        />
      </Field>
      <FormError error={error} />
      <div className="actions field-wide">
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('register-record.property.save')}
        </button>
      </div>
    </form>
  );
}

/** Property handed back on release: the detainee signs for it; anything withheld is said and why. */
export function PropertyReturnForm({ detaineeId, itemId, onSaved }: FormProps & { itemId: string }) {
  const { t } = useTranslation();
  const [v, setV] = useState({
    returnedAt: localNow(),
    returnedSignature: '',
    officerSignature: '',
    withheld: '',
  });
  const { error, busy, submit } = useSubmit(onSaved);
  const id = (f: string) => `rr-return-${itemId}-${f}`;
  return (
    <form
      className="form-grid"
      onSubmit={(e) =>
        submit(
          e,
          () =>
            recordApi.returnProperty(detaineeId, itemId, filled({ ...v, returnedAt: instant(v.returnedAt) })),
          () => undefined,
        )
      }
    >
      <Field id={id('at')} label={t('register-record.property.returnedAt')}>
        <input
          id={id('at')}
          type="datetime-local"
          value={v.returnedAt}
          onChange={(e) => setV({ ...v, returnedAt: e.target.value })}
          required
        />
      </Field>
      <Field id={id('dsig')} label={t('register-record.property.returnedSignature')}>
        <input
          id={id('dsig')}
          value={v.returnedSignature}
          onChange={(e) => setV({ ...v, returnedSignature: e.target.value })}
          required
        />
      </Field>
      <Field id={id('osig')} label={t('register-record.property.officerSignature')}>
        <input
          id={id('osig')}
          value={v.officerSignature}
          onChange={(e) => setV({ ...v, officerSignature: e.target.value })}
          required
        />
      </Field>
      <Field id={id('withheld')} label={t('register-record.property.withheld')}>
        <input
          id={id('withheld')}
          value={v.withheld}
          onChange={(e) => setV({ ...v, withheld: e.target.value })}
        />
      </Field>
      <FormError error={error} />
      <div className="actions field-wide">
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('register-record.property.confirmReturn')}
        </button>
      </div>
    </form>
  );
}

/** A complaint of earlier ill-treatment, in the detainee's words (need-to-know). */
export function ComplaintForm({ detaineeId, onSaved }: FormProps) {
  const { t } = useTranslation();
  const blank = () => ({
    receivedAt: localNow(),
    allegation: '',
    allegedAgainst: '',
    when: '',
    place: '',
    referredTo: '',
  });
  const [v, setV] = useState(blank);
  const { error, busy, submit } = useSubmit(onSaved);
  return (
    <form
      className="form-grid"
      aria-labelledby="am-complaint-title"
      onSubmit={(e) =>
        submit(
          e,
          () =>
            recordApi.addItem(detaineeId, 'complaints', filled({ ...v, receivedAt: instant(v.receivedAt) })),
          () => setV(blank()),
        )
      }
    >
      <h5 id="am-complaint-title" className="field-wide">
        {t('register-record.complaint.add')}
      </h5>
      <Field id="am-complaint-received" label={t('register-record.complaint.receivedAt')}>
        <input
          id="am-complaint-received"
          type="datetime-local"
          value={v.receivedAt}
          onChange={(e) => setV({ ...v, receivedAt: e.target.value })}
          required
        />
      </Field>
      <div className="field field-wide">
        <label htmlFor="am-complaint-allegation">{t('register-record.complaint.allegation')}</label>
        <textarea
          id="am-complaint-allegation"
          rows={3}
          value={v.allegation}
          onChange={(e) => setV({ ...v, allegation: e.target.value })}
          required
        />
      </div>
      <Field id="am-complaint-against" label={t('register-record.complaint.allegedAgainst')}>
        <input
          id="am-complaint-against"
          value={v.allegedAgainst}
          onChange={(e) => setV({ ...v, allegedAgainst: e.target.value })}
        />
      </Field>
      <Field
        id="am-complaint-when"
        label={t('register-record.complaint.when')}
        hint={t('register-record.complaint.whenHint')}
      >
        <input
          id="am-complaint-when"
          dir="ltr"
          aria-describedby="am-complaint-when-hint"
          pattern="\d{4}(-\d{2}(-\d{2})?)?"
          value={v.when}
          onChange={(e) => setV({ ...v, when: e.target.value })}
        />
      </Field>
      <Field id="am-complaint-place" label={t('register-record.complaint.place')}>
        <input
          id="am-complaint-place"
          value={v.place}
          onChange={(e) => setV({ ...v, place: e.target.value })}
        />
      </Field>
      <Field id="am-complaint-referred" label={t('register-record.complaint.referredTo')}>
        <input
          id="am-complaint-referred"
          value={v.referredTo}
          onChange={(e) => setV({ ...v, referredTo: e.target.value })}
        />
      </Field>
      <FormError error={error} />
      <div className="actions field-wide">
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('register-record.complaint.save')}
        </button>
      </div>
    </form>
  );
}
