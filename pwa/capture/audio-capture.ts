// The microphone side of a visit recording: getUserMedia + MediaRecorder, handing over a chunk every
// `timesliceMs`. Kept apart from audio.ts so the recording logic is tested without a browser.
import { audioBitsPerSecond, pickAudioType } from './audio-format.js';

export interface CaptureHandlers {
  onChunk(data: Blob): void;
  /** After the last chunk; also when the microphone is taken away (a call, a revoked permission). */
  onStop(): void;
}

export interface Capture {
  readonly mimeType: string;
  stop(): void;
}

export type StartCapture = (timesliceMs: number, handlers: CaptureHandlers) => Promise<Capture>;

export const startMicrophoneCapture: StartCapture = async (timesliceMs, handlers) => {
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
  });
  const mimeType = pickAudioType((type) => MediaRecorder.isTypeSupported(type));
  let recorder: MediaRecorder;
  try {
    recorder = new MediaRecorder(stream, { ...(mimeType ? { mimeType } : {}), audioBitsPerSecond });
  } catch (error) {
    for (const track of stream.getTracks()) track.stop();
    throw error;
  }
  recorder.addEventListener('dataavailable', (event) => handlers.onChunk(event.data));
  recorder.addEventListener('stop', () => {
    for (const track of stream.getTracks()) track.stop();
    handlers.onStop();
  });
  // A microphone that goes away ends the track; stopping the recorder flushes what it holds.
  for (const track of stream.getAudioTracks()) {
    track.addEventListener('ended', () => {
      if (recorder.state !== 'inactive') recorder.stop();
    });
  }
  recorder.start(timesliceMs);
  return {
    mimeType: recorder.mimeType || mimeType || 'audio/webm',
    stop: () => {
      if (recorder.state !== 'inactive') recorder.stop();
    },
  };
};
