// What happened on the visit: outcome, who was met, promise or official payment, ability and
// willingness, family and work, notes, a new address or phone, photos. Saved in one transaction;
// given a record the server refused, the same form corrects it (filled in again, resubmitted).
import { useState } from 'preact/hooks';
import type { CaseDetail } from '../../../shared/schemas/cases.js';
import { abilityWillingness, metPersons, outcomes } from '../../../shared/outcomes.js';
import type { Position } from '../../../shared/schemas/sync.js';
import { useI18n } from '../../app/i18n/i18n.js';
import { Button, Notice } from '../../app/ui/ui.js';
import type { SyncEngine } from '../../sync/index.js';
import type { RecordMutation } from '../../sync/records.js';
import { Choices, Group, SelectInput, TextInput } from './fields.js';
import { FamilyFields } from './FamilyFields.js';
import { PhotoPicker, type ChosenPhoto } from './PhotoPicker.js';
import {
  draftFromRecord,
  emptyDraft,
  isThirdParty,
  needsPayment,
  needsPromise,
  promiseKind,
  showsMoved,
  validateDraft,
  type DraftErrors,
  type VisitDraft,
} from './visit-form.js';
import styles from './VisitPage.module.css';

export interface VisitFormProps {
  engine: SyncEngine;
  detail: CaseDetail;
  visitId: string;
  addressId: string;
  position: Position | null;
  collectorName: string;
  onSaved: () => void;
  /** A record the server refused: the form corrects it. */
  refused?: RecordMutation;
  onCancel?: () => void;
}

export function VisitForm({ engine, detail, visitId, addressId, position, collectorName, onSaved, refused, onCancel }: VisitFormProps) {
  const { t, money } = useI18n();
  const v = t.collector.visit;
  const [draft, setDraft] = useState<VisitDraft>(() => (refused ? draftFromRecord(refused) : emptyDraft));
  const [photos, setPhotos] = useState<ChosenPhoto[]>([]);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const set =
    <K extends keyof VisitDraft>(key: K) =>
    (value: VisitDraft[K]) => {
      setDraft((current) => ({ ...current, [key]: value }));
      // A field being corrected stops showing its old error; everything is checked again on save.
      setErrors((current) => {
        if (!(key in current)) return current;
        const rest = { ...current };
        delete rest[key];
        if (Object.keys(rest).length === 0) setFailure(null);
        return rest;
      });
    };
  const options = <T extends string>(values: readonly T[], labels: Record<T, string>) =>
    values.map((value) => ({ value, label: labels[value] }));
  const total = money(detail.amounts.totalOutstanding);
  const kind = promiseKind(draft, detail.amounts.totalOutstanding);

  const save = async (event: Event) => {
    event.preventDefault();
    const result = validateDraft(
      draft,
      { visitId, caseId: detail.id, addressId, totalOutstanding: detail.amounts.totalOutstanding, position },
      v,
      money,
    );
    if (!result.ok) {
      setErrors(result.errors);
      setFailure(v.fixErrors);
      // The first field to fix is brought into view and focus, so a thumb does not have to hunt for it.
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setErrors({});
    setFailure(null);
    setSaving(true);
    try {
      const prepared = await Promise.all(photos.map((photo) => photo.prepared));
      const input = { ...result.fields, photos: prepared };
      await (refused ? engine.correctVisitRecord(refused.id, input) : engine.recordVisit(input));
      onSaved();
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
      setSaving(false);
    }
  };

  return (
    <form class={styles.form} onSubmit={(event) => void save(event)} noValidate aria-labelledby="visit-form-title">
      <h2 id="visit-form-title" class={styles.formTitle}>
        {refused ? v.correcting : v.title}
      </h2>
      {refused && (
        <Notice
          kind="info"
          live="off"
          title={v.correctHint}
          detail={refused.photos.length > 0 ? v.keptPhotos(refused.photos.length) : undefined}
        />
      )}
      <SelectInput
        name="outcome"
        label={v.outcome}
        placeholder={v.choose}
        value={draft.outcome}
        options={options(outcomes, t.collector.outcome)}
        onChange={set('outcome')}
        error={errors.outcome}
      />
      <SelectInput
        name="metPerson"
        label={v.metPerson}
        placeholder={v.choose}
        value={draft.metPerson}
        options={options(metPersons, t.collector.metPerson)}
        onChange={set('metPerson')}
        error={errors.metPerson}
      />
      {isThirdParty(draft.metPerson) && (
        <TextInput
          name="thirdPartyStatement"
          label={v.thirdPartyStatement}
          hint={v.thirdPartyHint}
          value={draft.thirdPartyStatement}
          onInput={set('thirdPartyStatement')}
          error={errors.thirdPartyStatement}
          multiline
        />
      )}

      {(needsPromise(draft) || draft.outcome === 'met_debtor' || draft.outcome === 'met_family' || draft.outcome === 'hardship') && (
        <Group title={t.collector.outcome.promise_to_pay}>
          <TextInput
            name="promiseAmount"
            label={v.promiseAmount}
            hint={v.promiseHint(total)}
            value={draft.promiseAmount}
            onInput={set('promiseAmount')}
            inputMode="decimal"
            error={errors.promiseAmount}
          />
          {kind === 'settlement_requested' && !errors.promiseAmount && <Notice kind="warn" title={v.settlement(total)} />}
          {kind === 'exceeds_outstanding' && !errors.promiseAmount && <Notice kind="error" title={v.promiseTooHigh(total)} />}
          <TextInput
            name="promiseDate"
            label={v.promiseDate}
            type="date"
            value={draft.promiseDate}
            onInput={set('promiseDate')}
            error={errors.promiseDate}
          />
        </Group>
      )}

      {needsPayment(draft) && (
        <Group title={t.collector.outcome.paid_official_channel}>
          <Notice kind="info" title={v.paymentHint} live="off" />
          <TextInput
            name="paymentReference"
            label={v.paymentReference}
            value={draft.paymentReference}
            onInput={set('paymentReference')}
            error={errors.paymentReference}
          />
          <TextInput
            name="paymentChannel"
            label={v.paymentChannel}
            value={draft.paymentChannel}
            onInput={set('paymentChannel')}
            error={errors.paymentChannel}
          />
          <TextInput
            name="paymentAmount"
            label={v.paymentAmount}
            hint={v.promiseHint(total)}
            value={draft.paymentAmount}
            onInput={set('paymentAmount')}
            inputMode="decimal"
            error={errors.paymentAmount}
          />
        </Group>
      )}

      <Choices
        legend={v.ability}
        options={options(abilityWillingness, t.collector.ability)}
        chosen={draft.abilityWillingness ? [draft.abilityWillingness] : []}
        onChange={(chosen) => set('abilityWillingness')(chosen[0] ?? '')}
        multiple={false}
      />

      <FamilyFields draft={draft} set={set} errors={errors} />

      <TextInput name="notes" label={v.notes} value={draft.notes} onInput={set('notes')} multiline />

      <label class={styles.toggle}>
        <input
          type="checkbox"
          checked={showsMoved(draft)}
          disabled={draft.outcome === 'moved_away'}
          onChange={(event) => set('moved')(event.currentTarget.checked)}
        />
        <span>{v.moved}</span>
      </label>
      {showsMoved(draft) && (
        <Group title={v.moved}>
          <TextInput
            name="newAddress"
            label={v.newAddress}
            value={draft.newAddress}
            onInput={set('newAddress')}
            error={errors.newAddress}
          />
          <TextInput name="newPhone" label={v.newPhone} inputMode="tel" value={draft.newPhone} onInput={set('newPhone')} />
        </Group>
      )}

      <PhotoPicker
        photos={photos}
        stamp={{ timeZone: detail.timeZone, position, caseNumber: detail.externalId, collectorName }}
        onChange={setPhotos}
      />

      {failure && <Notice kind="error" title={failure} live="assertive" />}
      <Button type="submit" variant="primary" large block busy={saving} disabled={saving}>
        {saving ? v.saving : refused ? v.resubmit : v.save}
      </Button>
      {onCancel && (
        <Button variant="secondary" large block disabled={saving} onClick={onCancel}>
          {v.cancelCorrection}
        </Button>
      )}
    </form>
  );
}
