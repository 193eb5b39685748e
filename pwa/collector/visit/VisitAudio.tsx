// The visit's audio recording as the collector sees it: recording now, its pieces' sync state beside the
// photos', and, when the creditor asks for a recording and none is running, why and a way to start it.
import type { CaseDetail } from '../../../shared/schemas/cases.js';
import { useI18n } from '../../app/i18n/i18n.js';
import { Badge, Button, Notice } from '../../app/ui/ui.js';
import type { StoredPhoto, StoredVisit } from '../../sync/records.js';
import { useVisitAudio } from '../engine/collector-engine.js';
import { audioCounts } from './visit-view.js';

export function AudioBadges({ visit, files }: { visit: StoredVisit; files: StoredPhoto[] }) {
  const { t } = useI18n();
  const a = t.collector.audio;
  const recorder = useVisitAudio();
  const counts = audioCounts(visit, files);
  const recordingHere = recorder?.state().recording === visit.visitId;
  const allIn = counts.received === counts.expected;
  return (
    <>
      {recordingHere && (
        <Badge tone="red">
          <span aria-hidden="true">● </span>
          {a.recording}
        </Badge>
      )}
      {counts.expected > 0 && (
        <span data-testid="audio-state">
          <Badge tone={allIn ? 'green' : counts.refused > 0 ? 'red' : 'amber'}>
            {allIn ? a.uploaded : counts.refused > 0 ? a.refused : a.waiting}
            {counts.expected > 1 && ` · ${a.pieces(counts.expected)}`}
          </Badge>
        </span>
      )}
    </>
  );
}

/** Shown between check-in and check-out of a visit the creditor wants recorded, while it is not being recorded. */
export function AudioPrompt({ visit, detail }: { visit: StoredVisit; detail: CaseDetail }) {
  const { t } = useI18n();
  const a = t.collector.audio;
  const recorder = useVisitAudio();
  if (!detail.recordAudio || !visit.checkIn || visit.checkOut || !recorder) return null;
  const state = recorder.state();
  if (state.recording === visit.visitId) return null;
  const problem = state.problems.get(visit.visitId);
  const title = problem === 'failed' ? a.failed(state.lastError ?? '') : problem === 'interrupted' ? a.interrupted : a.notRecording;
  return (
    <Notice
      kind={problem === 'failed' ? 'error' : 'warn'}
      title={title}
      detail={a.policy}
      action={
        <Button variant="primary" onClick={() => void recorder.start(visit.visitId)}>
          {a.start}
        </Button>
      }
    />
  );
}
