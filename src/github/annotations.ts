// Annotations: findings as error/warning marks on the diff. GitHub shows at most 10 per level per step,
// so the step's own notes and failure message keep their slots, the most severe findings take the rest,
// and what did not fit is counted in a note instead of vanishing.

import type { AnnotationProperties } from '@actions/core';
import type { Finding } from '../report/finding.js';

export const ANNOTATIONS_PER_LEVEL = 10;

export interface AnnotationPlan {
  shown: Finding[];
  hidden: { errors: number; warnings: number };
}

/** Slots per level the step's own messages take: setFailed's error, the notes' warnings. */
export interface Reserved {
  errors: number;
  warnings: number;
}

/** Chooses what to annotate; findings come sorted most severe first. */
export function planAnnotations(findings: Finding[], reserved: Reserved): AnnotationPlan {
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity === 'warning');
  const errorSlots = Math.max(0, ANNOTATIONS_PER_LEVEL - reserved.errors);
  const free = Math.max(0, ANNOTATIONS_PER_LEVEL - reserved.warnings);
  // The note counting what did not fit is a warning too.
  const warningSlots = errors.length > errorSlots || warnings.length > free ? Math.max(0, free - 1) : free;
  return {
    shown: [...errors.slice(0, errorSlots), ...warnings.slice(0, warningSlots)],
    hidden: {
      errors: Math.max(0, errors.length - errorSlots),
      warnings: Math.max(0, warnings.length - warningSlots),
    },
  };
}

export interface AnnotationSink {
  error(message: string, properties?: AnnotationProperties): void;
  warning(message: string, properties?: AnnotationProperties): void;
}

/** Writes the annotations; file paths are repo-relative already, which is what puts them on the diff. */
export function emitAnnotations(plan: AnnotationPlan, sink: AnnotationSink): void {
  for (const f of plan.shown) {
    const properties: AnnotationProperties = { title: `migration-gate: ${f.rule}`, file: f.file };
    if (f.line > 0) properties.startLine = f.line;
    if (f.line > 0 && f.column > 0) properties.startColumn = f.column;
    const message = f.suggestion ? `${f.message}\n${f.suggestion}` : f.message;
    sink[f.severity](message, properties);
  }
}

/** The note about what did not fit, or null when everything was shown. */
export function hiddenNote(plan: AnnotationPlan): string | null {
  const { errors, warnings } = plan.hidden;
  if (errors + warnings === 0) return null;
  return (
    `${errors} more error(s) and ${warnings} more warning(s) are not shown as annotations (GitHub shows ${ANNOTATIONS_PER_LEVEL} per level per step); ` +
    'the JSON report (the `report-path` output) and the reproduce command list all of them.'
  );
}

/** The plan for `findings` beside the `notes` and the failed step's error (`failed`), and the notes with the one about hidden findings. */
function budget(findings: Finding[], notes: string[], failed: boolean): { plan: AnnotationPlan; notes: string[] } {
  const plan = planAnnotations(findings, { errors: failed ? 1 : 0, warnings: notes.length });
  const hidden = hiddenNote(plan);
  return { plan, notes: hidden ? [...notes, hidden] : notes };
}

/** The notes `annotate` would write for the same arguments: for the job summary, written before the annotations. */
export function annotatedNotes(findings: Finding[], notes: string[], failed: boolean): string[] {
  return budget(findings, notes, failed).notes;
}

/**
 * Writes the findings' annotations, then the notes as warnings, all within GitHub's budget: the notes
 * and the failed step's error (`failed`) are sure to show. Returns the notes, with the one about hidden findings.
 */
export function annotate(findings: Finding[], notes: string[], failed: boolean, sink: AnnotationSink): string[] {
  const { plan, notes: all } = budget(findings, notes, failed);
  emitAnnotations(plan, sink);
  for (const note of all) sink.warning(note);
  return all;
}
