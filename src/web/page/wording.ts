/**
 * Messages as the page's user reads them. The scenario's checks are shared with the CLI, and a
 * problem's hint is often written for it ("Run `goldilocks schema` …", "--warmup-days"): the page
 * has no command line, so such a hint is replaced by the page's own (src/messages.ts, door 'page'),
 * which names the form's fields. The problems themselves (file, line, field, what is wrong) are
 * the CLI's, word for word. Pure: no DOM, so it is tested in Node.
 */
import { HINTS } from '../../messages.js';
import { formatProblems, type InputError, type InputProblem } from '../../scenario/errors.js';

/** A hint that only makes sense at a command line: it names the command or one of its flags. */
const CLI_ONLY = /`(npx )?goldilocks\b|(^|[\s(])--[a-z]/;

export function isCliHint(hint: string): boolean {
  return CLI_ONLY.test(hint);
}

/** The schema's (or the pipeline's) refusal of a warm-up as long as the run. */
const WINDOW = /warm-up .*shorter than the (run|horizon)/;
const isWindowProblem = (p: InputProblem) => p.path === 'run.warmupDays' && WINDOW.test(p.message);

/** The page's hint for these problems: the window's (naming the two fields) or where every field is listed. */
function pageHint(problems: readonly InputProblem[], hint: string): string {
  if (problems.some(isWindowProblem)) return HINTS.window('page');
  return isCliHint(hint) ? HINTS.scenarioFields('page') : hint;
}

/** An InputError's whole message with the page's hint (the problem lines as the CLI prints them). */
export function pageMessage(err: Pick<InputError, 'file' | 'problems' | 'hint'>): string {
  return formatProblems(err.file, err.problems, pageHint(err.problems, err.hint));
}

/**
 * A message that arrived as text (from the page's worker): its last line is the hint; a CLI-only
 * one is replaced by the page's. Other text is left as it is.
 */
export function pageText(message: string): string {
  const lines = message.split('\n');
  if (lines.length < 2 || !isCliHint(lines[lines.length - 1])) return message;
  const problems = lines.slice(0, -1);
  const aboutWindow = problems.some((l) => l.includes('run.warmupDays: ') && WINDOW.test(l));
  return [...problems, aboutWindow ? HINTS.window('page') : HINTS.scenarioFields('page')].join('\n');
}
