// COPY ... FROM STDIN on a node-postgres client: pg's Client hands its active query the copy-in sub-protocol
// (handleCopyInResponse), where pg's own Query only refuses; this one sends the rows, as psql does.

import type pg from 'pg';
import type { CopyIn } from './engine.js';

/** What the copy-in calls on pg's Connection, whose declared type has neither copy call. */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

/** Runs `copy` on `client`: settles once the server has taken its rows, or refused the statement or a row. */
export function copyIn(client: pg.Client, copy: CopyIn): Promise<void> {
  return new Promise((resolve, reject) => {
    const ignore = () => undefined;
    const query = {
      submit: (connection: unknown) => (connection as CopyConnection).query(copy.sql),
      handleCopyInResponse(connection: CopyConnection) {
        if (copy.rows) connection.sendCopyFromChunk(Buffer.from(copy.rows));
        connection.endCopyFrom();
      },
      // pg calls one of these two: after an error it no longer sees this query as active when the server is ready.
      handleError: reject,
      handleReadyForQuery: () => resolve(),
      handleRowDescription: ignore,
      handleDataRow: ignore,
      handleCommandComplete: ignore,
      handleEmptyQuery: ignore,
      handlePortalSuspended: ignore,
      handleCopyData: ignore,
    };
    client.query(query as pg.Submittable);
  });
}
