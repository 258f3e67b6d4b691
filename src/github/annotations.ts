// Annotations: findings as error/warning marks on the diff. GitHub shows at most 10 per level per step,
// so the most severe go first and the rest are counted for the summary instead of vanishing.

import type { AnnotationProperties } from '@actions/core';
import type { Finding } from '../report/finding.js';

export const ANNOTATIONS_PER_LEVEL = 10;

export interface AnnotationPlan {
  shown: Finding[];
  hidden: { errors: number; warnings: number };
}

/**
 * Chooses what to annotate; findings come sorted most severe first. `reserveError` keeps one error
 * slot free for the failed-step message that setFailed writes.
 */
export function planAnnotations(findings: Finding[], reserveError: boolean): AnnotationPlan {
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity === 'warning');
  const errorSlots = ANNOTATIONS_PER_LEVEL - (reserveError ? 1 : 0);
  return {
    shown: [...errors.slice(0, errorSlots), ...warnings.slice(0, ANNOTATIONS_PER_LEVEL)],
    hidden: {
      errors: Math.max(0, errors.length - errorSlots),
      warnings: Math.max(0, warnings.length - ANNOTATIONS_PER_LEVEL),
    },
  };
}

export interface AnnotationSink {
  error(message: string, properties: AnnotationProperties): void;
  warning(message: string, properties: AnnotationProperties): void;
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

/** The summary's line about what did not fit, or null when everything was shown. */
export function hiddenNote(plan: AnnotationPlan): string | null {
  const { errors, warnings } = plan.hidden;
  if (errors + warnings === 0) return null;
  return `${errors} more error(s) and ${warnings} more warning(s) are not shown as annotations (GitHub shows ${ANNOTATIONS_PER_LEVEL} per level per step); all are listed above.`;
}
