// Recording a live session, for its hosts: start (while live, one at a time), stop, and list with
// each recording's status and link. The Recorder (recorder.ts) does the recording; this keeps
// the records in MongoDB with single-document conditional writes: the session's `recordingId`
// is claimed before the recorder starts and released when it stops, so two hosts (on any nodes)
// starting at once start one recording. The writes go through the storage layer's
// withDocumentLock, which serializes them per document only where the server (FerretDB, in
// development) does not apply a conditional update atomically.
import { randomBytes } from 'node:crypto';
import { HttpError } from '../../realtime/transport/http.js';
import { withDocumentLock } from '../../storage/repositories/document-lock.js';
import type { MediaContext } from '../context.js';
import type { SessionDoc } from '../sessions/access.js';
import { liveSessionModel } from '../sessions/session.model.js';
import { recordingModel, type RecordingDoc } from './recording.model.js';
import { RecordingNotFound, RecordingStateError, type Recorder, type RecordingState } from './recorder.js';

/** A recording as the routes answer it. */
export interface RecordingView {
  id: string;
  backend: 'livekit-egress' | 'local';
  status: RecordingState['status'];
  url: string | null;
  startedAt: string;
  stoppedAt: string | null;
  error?: string;
}

export class Recordings {
  constructor(
    private readonly ctx: MediaContext,
    private readonly recorder: Recorder,
  ) {}

  private get sessions() {
    return liveSessionModel(this.ctx.connection);
  }

  private get records() {
    return recordingModel(this.ctx.connection);
  }

  async start(session: SessionDoc): Promise<RecordingView> {
    if (session.status !== 'live') throw new HttpError('conflict', 'the session is not live');
    const id = randomBytes(9).toString('base64url');
    const claimed = await this.sessionWrite(session, () =>
      this.sessions.updateOne(
        { _id: session._id, status: 'live', recordingId: null },
        { $set: { recordingId: id } },
      ),
    );
    if (claimed.modifiedCount === 0)
      throw new HttpError('conflict', 'a recording of this session is running');
    let state: RecordingState;
    try {
      state = await this.recorder.start(session.room);
    } catch (err) {
      await this.release(session, id);
      this.ctx.log.warn(
        { err, sessionId: session._id.toHexString() },
        'recording: the recorder did not start',
      );
      throw new HttpError('not_ready', 'the recorder is not available; try again later');
    }
    const doc = {
      _id: id,
      sessionId: session._id,
      backend: this.recorder.backend,
      backendId: state.id,
      status: state.status,
      url: state.url,
      startedAt: new Date(),
    };
    await this.records.create(doc);
    return view({ ...doc, stoppedAt: null, error: null });
  }

  async stop(session: SessionDoc, recordingId: string): Promise<RecordingView> {
    const record = await this.records
      .findOne({ _id: recordingId, sessionId: session._id })
      .lean<RecordingDoc>();
    if (!record) {
      // A node that died between the claim and the record leaves a claim with nothing behind it.
      await this.release(session, recordingId);
      throw new HttpError('not_found', 'no such recording');
    }
    if (record.status !== 'recording') throw new HttpError('conflict', 'the recording has stopped already');
    let state: RecordingState;
    try {
      state = await this.recorder.stop(record.backendId);
    } catch (err) {
      if (err instanceof RecordingStateError || err instanceof RecordingNotFound) {
        state = await this.backendState(record);
      } else {
        this.ctx.log.warn({ err, recordingId }, 'recording: the recorder did not stop');
        throw new HttpError('not_ready', 'the recorder is not available; try again later');
      }
    }
    const updated = await this.recordWrite(recordingId, () =>
      this.records
        .findOneAndUpdate(
          { _id: recordingId, status: 'recording' },
          { $set: { ...fieldsOf(state), stoppedAt: new Date() } },
          { returnDocument: 'after' },
        )
        .lean<RecordingDoc>(),
    );
    await this.release(session, recordingId);
    // Another host's stop got there first: theirs is the record.
    const final = updated ?? (await this.records.findById(recordingId).lean<RecordingDoc>());
    return view(final ?? record);
  }

  /** The session's recordings, oldest first; one whose file is being finished is asked again. */
  async list(session: SessionDoc): Promise<RecordingView[]> {
    const records = await this.records
      .find({ sessionId: session._id })
      .sort({ startedAt: 1 })
      .lean<RecordingDoc[]>();
    return Promise.all(
      records.map(async (record) => {
        if (record.status !== 'stopping') return view(record);
        const state = await this.backendState(record).catch(() => null);
        if (!state || state.status === 'stopping') return view(record);
        await this.recordWrite(record._id, () =>
          this.records.updateOne({ _id: record._id, status: 'stopping' }, { $set: fieldsOf(state) }),
        );
        return view({ ...record, ...fieldsOf(state) });
      }),
    );
  }

  /** When the session ends: its running recording stops with it (best effort). */
  async stopRunning(session: SessionDoc): Promise<void> {
    const current = await this.sessions
      .findById(session._id, { recordingId: 1 })
      .lean<{ recordingId?: string | null }>();
    if (!current?.recordingId) return;
    await this.stop(session, current.recordingId).catch((err: unknown) =>
      this.ctx.log.warn(
        { err, sessionId: session._id.toHexString() },
        'recording: stopping at the end failed',
      ),
    );
  }

  private async backendState(record: RecordingDoc): Promise<RecordingState> {
    try {
      return await this.recorder.status(record.backendId);
    } catch (err) {
      if (err instanceof RecordingNotFound)
        return { id: record.backendId, status: 'failed', url: null, error: 'the recorder lost it' };
      throw err;
    }
  }

  private async release(session: SessionDoc, recordingId: string): Promise<void> {
    await this.sessionWrite(session, () =>
      this.sessions.updateOne({ _id: session._id, recordingId }, { $set: { recordingId: null } }),
    );
  }

  private sessionWrite<T>(session: SessionDoc, write: () => Promise<T>): Promise<T> {
    return withDocumentLock(this.ctx.connection, `live_sessions:${session._id.toHexString()}`, write);
  }

  private recordWrite<T>(recordingId: string, write: () => Promise<T>): Promise<T> {
    return withDocumentLock(this.ctx.connection, `live_session_recordings:${recordingId}`, write);
  }
}

function fieldsOf(state: RecordingState) {
  return { status: state.status, url: state.url, error: state.error ?? null };
}

function view(
  r: Pick<RecordingDoc, '_id' | 'backend' | 'status' | 'url' | 'startedAt' | 'stoppedAt' | 'error'>,
): RecordingView {
  return {
    id: r._id,
    backend: r.backend as RecordingView['backend'],
    status: r.status as RecordingView['status'],
    url: r.url ?? null,
    startedAt: r.startedAt.toISOString(),
    stoppedAt: r.stoppedAt ? r.stoppedAt.toISOString() : null,
    ...(r.error ? { error: r.error } : {}),
  };
}
