// Form controls sized for a thumb: labelled, at least 48 px tall, errors that say what to do.
import type { ComponentChildren } from 'preact';
import { Field, inputClass } from '../../app/ui/ui.js';
import styles from './VisitPage.module.css';

interface Common {
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  name: string;
}

export function TextInput({
  label,
  hint,
  error,
  name,
  value,
  onInput,
  type = 'text',
  inputMode,
  multiline = false,
}: Common & {
  value: string;
  onInput: (value: string) => void;
  /** A phone number is text with the phone keypad (inputMode tel). */
  type?: 'text' | 'date';
  inputMode?: 'decimal' | 'numeric' | 'text' | 'tel';
  multiline?: boolean;
}) {
  return (
    <Field label={label} hint={hint} error={error}>
      {({ id, describedBy, invalid }) =>
        multiline ? (
          <textarea
            id={id}
            name={name}
            class={`${inputClass} ${styles.control} ${styles.textarea}`}
            value={value}
            rows={3}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            onInput={(event) => onInput(event.currentTarget.value)}
          />
        ) : type === 'date' ? (
          <input
            id={id}
            name={name}
            type="date"
            class={`${inputClass} ${styles.control}`}
            value={value}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            onInput={(event) => onInput(event.currentTarget.value)}
          />
        ) : (
          <input
            id={id}
            name={name}
            type="text"
            inputMode={inputMode}
            class={`${inputClass} ${styles.control}`}
            value={value}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            onInput={(event) => onInput(event.currentTarget.value)}
          />
        )
      }
    </Field>
  );
}

export function SelectInput<T extends string>({
  label,
  hint,
  error,
  name,
  value,
  options,
  placeholder,
  onChange,
}: Common & { value: T | ''; options: readonly { value: T; label: string }[]; placeholder: string; onChange: (value: T | '') => void }) {
  return (
    <Field label={label} hint={hint} error={error}>
      {({ id, describedBy, invalid }) => (
        <select
          id={id}
          name={name}
          class={`${inputClass} ${styles.control}`}
          value={value}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onChange={(event) => onChange(event.currentTarget.value as T | '')}
        >
          <option value="">{placeholder}</option>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** Several choices at once (assets seen), as large toggles. */
export function Choices<T extends string>({
  legend,
  options,
  chosen,
  onChange,
  multiple,
}: {
  legend: string;
  options: readonly { value: T; label: string }[];
  chosen: readonly T[];
  onChange: (chosen: T[]) => void;
  multiple: boolean;
}) {
  return (
    <fieldset class={styles.choices}>
      <legend class={styles.legend}>{legend}</legend>
      <div class={styles.choiceGrid}>
        {options.map((option) => {
          const on = chosen.includes(option.value);
          return (
            <label key={option.value} class={`${styles.choice} ${on ? styles.choiceOn : ''}`}>
              <input
                type={multiple ? 'checkbox' : 'radio'}
                name={legend}
                checked={on}
                onChange={() =>
                  onChange(
                    multiple
                      ? on
                        ? chosen.filter((value) => value !== option.value)
                        : [...chosen, option.value]
                      : on
                        ? []
                        : [option.value],
                  )
                }
              />
              <span>{option.label}</span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}

export function Group({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <fieldset class={styles.group}>
      <legend class={styles.groupTitle}>{title}</legend>
      {children}
    </fieldset>
  );
}
