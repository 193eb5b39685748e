// The visit form's family and work situation: structured fields (household, employment, income,
// assets seen, health) and free notes.
import { assetKinds, employmentStatuses, healthStatuses, incomeSources } from '../../../shared/outcomes.js';
import { useI18n } from '../../app/i18n/i18n.js';
import { Choices, Group, SelectInput, TextInput } from './fields.js';
import type { DraftErrors, VisitDraft } from './visit-form.js';
import styles from './VisitPage.module.css';

export type DraftSetter = <K extends keyof VisitDraft>(key: K) => (value: VisitDraft[K]) => void;

export function FamilyFields({ draft, set, errors }: { draft: VisitDraft; set: DraftSetter; errors: DraftErrors }) {
  const { t } = useI18n();
  const v = t.collector.visit;
  const options = <T extends string>(values: readonly T[], labels: Record<T, string>) =>
    values.map((value) => ({ value, label: labels[value] }));
  return (
    <Group title={v.family}>
      <div class={styles.pair}>
        <TextInput
          name="householdMembers"
          label={v.householdMembers}
          value={draft.householdMembers}
          onInput={set('householdMembers')}
          inputMode="numeric"
          error={errors.householdMembers}
        />
        <TextInput
          name="dependants"
          label={v.dependants}
          value={draft.dependants}
          onInput={set('dependants')}
          inputMode="numeric"
          error={errors.dependants}
        />
      </div>
      <SelectInput
        name="employment"
        label={v.employment}
        placeholder={v.choose}
        value={draft.employment}
        options={options(employmentStatuses, t.collector.employment)}
        onChange={set('employment')}
      />
      <TextInput name="employer" label={v.employer} value={draft.employer} onInput={set('employer')} />
      <SelectInput
        name="incomeSource"
        label={v.incomeSource}
        placeholder={v.choose}
        value={draft.incomeSource}
        options={options(incomeSources, t.collector.incomeSource)}
        onChange={set('incomeSource')}
      />
      <Choices
        legend={v.assetsSeen}
        options={options(assetKinds, t.collector.asset)}
        chosen={draft.assetsSeen}
        onChange={set('assetsSeen')}
        multiple
      />
      <SelectInput
        name="health"
        label={v.health}
        placeholder={v.choose}
        value={draft.health}
        options={options(healthStatuses, t.collector.health)}
        onChange={set('health')}
      />
      <TextInput name="familyNotes" label={v.familyNotes} value={draft.familyNotes} onInput={set('familyNotes')} multiline />
    </Group>
  );
}
