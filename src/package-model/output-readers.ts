// Which createUiDefinition output reads a control, asked for every control of a file: each output's text is read
// once for the controls it names (`basics('name')`, `steps('step').….name`), where asking outputReadsBasics and
// outputReadsStep of each output for each control made a regular expression per pair (10,000 controls and as many
// outputs: 37 s). The answers are those functions' own: a name the one-pass reading cannot hold (a quote in it,
// a control name that is not one word, a character outside ASCII) is asked of them, at most NAME_SCANS times per file.

import { outputReadsBasics, outputReadsStep, type OutputRef } from './ui-model.js';

/**
 * A rule asks a per-name expression of a whole file (every output, or a template's text) at most this many times;
 * past it, a hostile file of 20,000 such names is not read 20,000 times (README, Safety: 10 s for any input).
 */
export const NAME_SCANS = 100;

/** Names the one-pass reading holds exactly: printable ASCII without a quote (what `[^']*` reads between quotes). */
const PLAIN_NAME = /^[\x20-\x26\x28-\x7e]*$/;
const WORD = /^\w+$/;

const BASICS_READ = /basics\(\s*'([^']*)'\s*\)/gi;
const STEP_READ = /steps\(\s*'([^']*)'\s*\)((?:\.\w+)+)/gi;

/**
 * Every match of `re` starting anywhere, as a per-name expression searching from every position finds them: a
 * match may start inside the one before it (`steps('a').xsteps('b').y`). Each start is a distinct `basics(` or
 * `steps(`, so this stays linear but for the one word two matches share.
 */
function* matchesFromEveryStart(re: RegExp, text: string): Generator<RegExpExecArray> {
  const g = new RegExp(re.source, re.flags);
  for (let m = g.exec(text); m; m = g.exec(text)) {
    yield m;
    g.lastIndex = m.index + 1;
  }
}

/** Sorted, lower-cased words that follow a dot in a text: does `.name` stand in it (as /\.name/i tests)? */
class DottedWords {
  private readonly words: string[];
  constructor(text: string) {
    this.words = [...text.matchAll(/\.(\w+)/g)].map((m) => m[1].toLowerCase()).sort();
  }
  /** A word starting with `prefix` follows some dot (prefix: one word, lower case). */
  has(prefix: string): boolean {
    let lo = 0;
    let hi = this.words.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.words[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.words.length && this.words[lo].startsWith(prefix);
  }
}

export class OutputReaders {
  private readonly basics = new Map<string, OutputRef>();
  private readonly steps = new Map<string, OutputRef>();
  private dotted: DottedWords | undefined;
  private scans = 0;

  constructor(
    private readonly outputs: readonly OutputRef[],
    private readonly fileText: string,
  ) {
    for (const o of outputs) {
      // Only names of the kind asked here are kept: /i leaves a character outside ASCII unequal to any within it.
      for (const m of matchesFromEveryStart(BASICS_READ, o.text)) {
        if (!PLAIN_NAME.test(m[1])) continue;
        const key = m[1].toLowerCase();
        if (!this.basics.has(key)) this.basics.set(key, o);
      }
      for (const m of matchesFromEveryStart(STEP_READ, o.text)) {
        if (!PLAIN_NAME.test(m[1])) continue;
        for (const word of m[2].slice(1).split('.')) {
          const key = `${m[1].toLowerCase()}\0${word.toLowerCase()}`;
          if (!this.steps.has(key)) this.steps.set(key, o);
        }
      }
    }
  }

  /**
   * The first output reading a control (of a step, or of basics when `stepName` is empty); undefined when none
   * does; null when the per-name scans of this file are spent and the control is not judged.
   */
  reading(stepName: string, controlName: string): OutputRef | undefined | null {
    if (stepName) {
      if (PLAIN_NAME.test(stepName) && WORD.test(controlName)) return this.steps.get(`${stepName.toLowerCase()}\0${controlName.toLowerCase()}`);
      if (this.scans++ >= NAME_SCANS) return null;
      return this.outputs.find((o) => outputReadsStep(o.text, stepName, controlName));
    }
    if (PLAIN_NAME.test(controlName)) return this.basics.get(controlName.toLowerCase());
    if (this.scans++ >= NAME_SCANS) return null;
    return this.outputs.find((o) => outputReadsBasics(o.text, controlName));
  }

  /** The first output whose text passes `test`: a scan of every output, counted against the file's NAME_SCANS. */
  scan(test: (text: string) => boolean): OutputRef | undefined | null {
    if (this.scans++ >= NAME_SCANS) return null;
    return this.outputs.find((o) => test(o.text));
  }

  /** Does `.name` stand anywhere in the file (as arm-ttk's /\.name/i)? null when the per-name scans are spent. */
  dottedInFile(controlName: string): boolean | null {
    if (WORD.test(controlName)) return (this.dotted ??= new DottedWords(this.fileText)).has(controlName.toLowerCase());
    if (this.scans++ >= NAME_SCANS) return null;
    return new RegExp(`\\.${controlName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'i').test(this.fileText);
  }
}
