// Complaints beside the evidence: those about this visit and those about its collector in general;
// record a new one, assign it, investigate, resolve with the outcome.
import { useState } from 'preact/hooks';
import type { AssignableSupervisor, Complaint } from '../../../shared/schemas/complaints.js';
import type { VisitReview } from '../../../shared/schemas/review.js';
import { useI18n } from '../../app/i18n/i18n.js';
import { Badge, Button, ErrorNotice, Field, inputClass } from '../../app/ui/ui.js';
import { useRequest } from '../../app/useRequest.js';
import { useReviewText } from '../i18n/useReviewText.js';
import { fetchSupervisors, patchComplaint, postComplaint, type NewComplaint } from './review.api.js';
import styles from './VisitReview.module.css';

const channels = ['phone', 'letter', 'email', 'in_person', 'online', 'regulator'] as const;
const statusTones = { open: 'red', investigating: 'amber', resolved: 'green' } as const;

/** Runs a request with busy and error state; `done` after success. */
function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = (work: () => Promise<unknown>, done: () => void) => {
    setBusy(true);
    setError(null);
    work().then(
      () => {
        setBusy(false);
        done();
      },
      (failure: unknown) => {
        setBusy(false);
        setError(failure);
      },
    );
  };
  return { busy, error, run };
}

export function ComplaintsPanel({ review, onChanged }: { review: VisitReview; onChanged: () => void }) {
  const r = useReviewText();
  const supervisors = useRequest((signal) => fetchSupervisors(signal), []);
  const [adding, setAdding] = useState(false);
  return (
    <section class={styles.panel} aria-labelledby="complaints-title">
      <div class={styles.panelHead}>
        <h2 id="complaints-title">{r.complaints.title}</h2>
        {!adding && <Button onClick={() => setAdding(true)}>{r.complaints.add}</Button>}
      </div>
      {adding && (
        <ComplaintForm
          review={review}
          supervisors={supervisors.data ?? []}
          onDone={() => {
            setAdding(false);
            onChanged();
          }}
          onCancel={() => setAdding(false)}
        />
      )}
      {review.complaints.length === 0 && !adding && <p class={styles.muted}>{r.complaints.none}</p>}
      <ul class={styles.complaints} data-testid="complaints">
        {review.complaints.map((complaint) => (
          <ComplaintItem
            key={complaint.id}
            complaint={complaint}
            review={review}
            supervisors={supervisors.data ?? []}
            onChanged={onChanged}
          />
        ))}
      </ul>
    </section>
  );
}

function ComplaintItem({
  complaint,
  review,
  supervisors,
  onChanged,
}: {
  complaint: Complaint;
  review: VisitReview;
  supervisors: AssignableSupervisor[];
  onChanged: () => void;
}) {
  const r = useReviewText();
  const { dateTime } = useI18n();
  const zone = review.case.timeZone;
  const [assignee, setAssignee] = useState(complaint.assignee?.id ?? '');
  const [resolution, setResolution] = useState('');
  const [missing, setMissing] = useState(false);
  const action = useAction();
  return (
    <li class={styles.complaint} data-status={complaint.status}>
      <div class={styles.complaintHead}>
        <Badge tone={statusTones[complaint.status]}>{r.complaints.status[complaint.status]}</Badge>
        <span>
          {r.complaints.sources[complaint.source]} · {r.complaints.channels[complaint.channel]} ·{' '}
          {complaint.visitId ? r.complaints.aboutVisit : r.complaints.aboutCollector}
        </span>
      </div>
      <p class={styles.complaintBody}>{complaint.body}</p>
      <p class={styles.muted}>
        {r.complaints.received(dateTime(complaint.receivedAt, zone), complaint.recordedBy.name)}
        {complaint.assignee && ` · ${r.visit.labelled(r.complaints.assignee, complaint.assignee.name)}`}
      </p>
      {complaint.status === 'resolved' && (
        <p class={styles.resolution}>
          {complaint.resolution}
          <span class={styles.muted}>
            {' '}
            — {r.complaints.resolvedBy(complaint.resolvedBy?.name ?? '', dateTime(complaint.resolvedAt ?? complaint.updatedAt, zone))}
          </span>
        </p>
      )}
      {complaint.status === 'open' && (
        <div class={styles.inlineForm}>
          <select
            class={inputClass}
            value={assignee}
            aria-label={r.complaints.assignee}
            onChange={(e) => setAssignee(e.currentTarget.value)}
          >
            <option value="">{r.complaints.unassigned}</option>
            {supervisors.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          <Button
            disabled={!assignee || action.busy}
            busy={action.busy}
            onClick={() => action.run(() => patchComplaint(complaint.id, { assigneeId: assignee, status: 'investigating' }), onChanged)}
          >
            {r.complaints.investigate}
          </Button>
        </div>
      )}
      {complaint.status === 'investigating' && (
        <form
          class={styles.resolveForm}
          onSubmit={(event) => {
            event.preventDefault();
            if (!resolution.trim()) return setMissing(true);
            action.run(() => patchComplaint(complaint.id, { status: 'resolved', resolution: resolution.trim() }), onChanged);
          }}
        >
          <Field label={r.complaints.resolution} error={missing ? r.complaints.resolutionRequired : null}>
            {({ id, invalid }) => (
              <textarea
                id={id}
                class={inputClass}
                rows={2}
                value={resolution}
                aria-invalid={invalid}
                onInput={(e) => (setResolution(e.currentTarget.value), setMissing(false))}
              />
            )}
          </Field>
          <Button type="submit" variant="primary" busy={action.busy} disabled={action.busy}>
            {r.complaints.resolve}
          </Button>
        </form>
      )}
      {action.error !== null && <ErrorNotice error={action.error} />}
    </li>
  );
}

function ComplaintForm({
  review,
  supervisors,
  onDone,
  onCancel,
}: {
  review: VisitReview;
  supervisors: AssignableSupervisor[];
  onDone: () => void;
  onCancel: () => void;
}) {
  const r = useReviewText();
  const { t } = useI18n();
  const [draft, setDraft] = useState<{
    about: 'visit' | 'collector';
    source: NewComplaint['source'];
    channel: NewComplaint['channel'];
    body: string;
    assigneeId: string;
  }>({
    about: 'visit',
    source: 'debtor',
    channel: 'phone',
    body: '',
    assigneeId: '',
  });
  const [missing, setMissing] = useState(false);
  const action = useAction();
  const set = <K extends keyof typeof draft>(key: K, value: (typeof draft)[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const submit = () => {
    if (!draft.body.trim()) return setMissing(true);
    const body: NewComplaint = {
      ...(draft.about === 'visit' ? { visitId: review.visit.id } : { collectorId: review.visit.collector.id }),
      source: draft.source,
      channel: draft.channel,
      body: draft.body.trim(),
      ...(draft.assigneeId ? { assigneeId: draft.assigneeId } : {}),
    };
    action.run(() => postComplaint(body), onDone);
  };
  return (
    <form
      class={styles.complaintForm}
      aria-label={r.complaints.add}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <div class={styles.formGrid}>
        <Field label={r.complaints.about}>
          {({ id }) => (
            <select
              id={id}
              class={inputClass}
              value={draft.about}
              onChange={(e) => set('about', e.currentTarget.value as 'visit' | 'collector')}
            >
              <option value="visit">{r.complaints.aboutOptions.visit}</option>
              <option value="collector">{r.complaints.aboutOptions.collector}</option>
            </select>
          )}
        </Field>
        <Field label={r.complaints.source}>
          {({ id }) => (
            <select
              id={id}
              class={inputClass}
              value={draft.source}
              onChange={(e) => set('source', e.currentTarget.value as NewComplaint['source'])}
            >
              <option value="debtor">{r.complaints.sources.debtor}</option>
              <option value="creditor">{r.complaints.sources.creditor}</option>
            </select>
          )}
        </Field>
        <Field label={r.complaints.channel}>
          {({ id }) => (
            <select
              id={id}
              class={inputClass}
              value={draft.channel}
              onChange={(e) => set('channel', e.currentTarget.value as NewComplaint['channel'])}
            >
              {channels.map((c) => (
                <option key={c} value={c}>
                  {r.complaints.channels[c]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={r.complaints.assignee}>
          {({ id }) => (
            <select id={id} class={inputClass} value={draft.assigneeId} onChange={(e) => set('assigneeId', e.currentTarget.value)}>
              <option value="">{r.complaints.unassigned}</option>
              {supervisors.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field label={r.complaints.body} error={missing ? r.complaints.bodyRequired : null}>
        {({ id, invalid }) => (
          <textarea
            id={id}
            class={inputClass}
            rows={3}
            maxLength={4000}
            value={draft.body}
            aria-invalid={invalid}
            onInput={(e) => (set('body', e.currentTarget.value), setMissing(false))}
          />
        )}
      </Field>
      {action.error !== null && <ErrorNotice error={action.error} />}
      <div class={styles.dialogActions}>
        <Button onClick={onCancel} disabled={action.busy}>
          {t.common.cancel}
        </Button>
        <Button type="submit" variant="primary" busy={action.busy} disabled={action.busy}>
          {action.busy ? r.complaints.saving : r.complaints.save}
        </Button>
      </div>
    </form>
  );
}
