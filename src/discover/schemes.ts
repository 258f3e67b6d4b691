// Naming schemes: how a migration's file (or folder) name encodes its version and name.

import type { SchemeId } from '../migration.js';

export const SCHEME_IDS: readonly SchemeId[] = [
  'sequential',
  'date',
  'timestamp',
  'flyway',
  'up-down',
  'folder',
  'dbmate',
  'goose',
  'graphile',
];
