import type { Lang } from "./i18n/i18n.js";

/**
 * Read-aloud with the Web Speech API. Some browsers have the API but no
 * voices (headless Chromium, a kiosk without speech-dispatcher): then the
 * resident is told it is not available rather than left waiting in silence.
 */

export type SpeakOutcome = "speaking" | "no-voice";

export function speechSupported(): boolean {
  return "speechSynthesis" in window && "SpeechSynthesisUtterance" in window;
}

const VOICES_WAIT_MS = 1_500;

async function availableVoices(): Promise<SpeechSynthesisVoice[]> {
  const synth = window.speechSynthesis;
  const now = synth.getVoices();
  if (now.length > 0) return now;
  // Chromium fills the list asynchronously and says so with voiceschanged.
  return new Promise((resolve) => {
    const done = () => {
      synth.removeEventListener("voiceschanged", done);
      window.clearTimeout(timer);
      resolve(synth.getVoices());
    };
    const timer = window.setTimeout(done, VOICES_WAIT_MS);
    synth.addEventListener("voiceschanged", done);
  });
}

function voiceFor(voices: readonly SpeechSynthesisVoice[], lang: Lang) {
  const prefix = lang === "en" ? "en" : "zh";
  return (
    voices.find((voice) => voice.lang === lang) ??
    voices.find((voice) => voice.lang.toLowerCase().startsWith(prefix))
  );
}

export async function speak(text: string, lang: Lang, onEnd: () => void): Promise<SpeakOutcome> {
  if (!speechSupported()) return "no-voice";
  const voice = voiceFor(await availableVoices(), lang);
  if (!voice) return "no-voice";
  const synth = window.speechSynthesis;
  synth.cancel();
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.voice = voice;
  utterance.lang = voice.lang;
  // A little slower than usual: many listeners are elderly.
  utterance.rate = 0.9;
  utterance.addEventListener("end", onEnd);
  utterance.addEventListener("error", onEnd);
  synth.speak(utterance);
  return "speaking";
}

export function stopSpeaking(): void {
  if (speechSupported()) window.speechSynthesis.cancel();
}
