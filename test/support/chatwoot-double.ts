// A contract test double of Chatwoot: a real HTTP server implementing the Application API
// endpoints Hubbub uses, with in-memory state. Every request is checked against Chatwoot's
// published OpenAPI (chatwoot-spec.ts) and answered 4xx when it does not conform; what is
// rendered follows Chatwoot's controllers. State changes send webhooks signed the way Chatwoot
// signs them: X-Chatwoot-Signature: sha256=<hex HMAC-SHA256 of "{timestamp}.{body}">, with
// X-Chatwoot-Timestamp (Unix seconds) and X-Chatwoot-Delivery (a unique id per delivery).
// Messages may carry files (multipart `attachments[]` in, `attachments` with `data_url` out),
// served from blob links on the double's own host (chatwoot-double-files.ts).
// The records and their webhooks are in chatwoot-double-records.ts, the operations' answers in
// chatwoot-double-routes.ts; this file is the HTTP server, the request checks and the test controls.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  Contact,
  Conversation,
  Delivery,
  DoubleOptions,
  DoubleState,
  Json,
  Message,
  RecordedRequest,
} from './chatwoot-double-model.js';
import { ChatwootRecords } from './chatwoot-double-records.js';
import { answerOperation } from './chatwoot-double-routes.js';
import { WebhookSender } from './chatwoot-double-webhooks.js';
import { readForm, serveBlob, type ReceivedFile } from './chatwoot-double-files.js';
import { ChatwootSpec, type FormBody } from './chatwoot-spec.js';

export type { Delivery, DoubleOptions, DoubleState, RecordedRequest } from './chatwoot-double-model.js';

export class ChatwootDouble {
  readonly requests: RecordedRequest[] = [];
  private readonly spec = new ChatwootSpec();
  private readonly server: Server;
  private outage: 'none' | 'refuse' | 'error' = 'none';
  private failures: { status: number; retryAfter?: string }[] = [];
  private readonly losing = new Set<string>();
  private readonly webhooks: WebhookSender;
  private readonly records: ChatwootRecords;
  /** Paths of the blob links and files requested (what the hub fetched). */
  readonly blobRequests: string[] = [];
  url = '';

  private constructor(readonly options: DoubleOptions) {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.webhooks = new WebhookSender(options);
    this.records = new ChatwootRecords(options, this.webhooks, this.spec, () => this.url);
  }

  get contacts(): Contact[] {
    return this.records.contacts;
  }

  get conversations(): Conversation[] {
    return this.records.conversations;
  }

  get messages(): Message[] {
    return this.records.messages;
  }

  static async start(options: DoubleOptions, port = 0): Promise<ChatwootDouble> {
    const double = new ChatwootDouble(options);
    await double.listen(port);
    return double;
  }

  private listen(port: number): Promise<void> {
    return new Promise((resolve) =>
      this.server.listen(port, '127.0.0.1', () => {
        this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
        resolve();
      }),
    );
  }

  /** Every webhook queued so far, with the status its receiver answered. */
  get deliveries(): Delivery[] {
    return this.webhooks.deliveries;
  }

  async close(): Promise<void> {
    await this.webhooks.flush();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The double's Chatwoot-side state, so the development server (scripts/chatwoot-dev.ts) keeps it across restarts. */
  snapshot(): DoubleState {
    return this.records.snapshot();
  }

  /** Restores a snapshot into a fresh double; ids continue after the largest one restored. */
  load(state: DoubleState): void {
    this.records.load(state);
  }

  /** `refuse`: connections are cut without an answer; `error`: every request gets 503. */
  setOutage(mode: 'none' | 'refuse' | 'error'): void {
    this.outage = mode;
  }

  /** The next requests get these statuses (with Retry-After when given), in order. */
  failNext(...failures: { status: number; retryAfter?: string }[]): void {
    this.failures.push(...failures);
  }

  /** The next call of this operation is carried out, and its answer lost (the connection drops). */
  loseNextAnswer(operationId: string): void {
    this.losing.add(operationId);
  }
  /** An agent's presence as Chatwoot reports it (`online`, `busy`, `offline`). */
  setAvailability(agentId: number, status: string): void {
    this.records.availability.set(agentId, status);
  }

  /** Whether webhooks carry X-Chatwoot-Delivery (Chatwoot sends it only when available). */
  setDeliveryIds(on: boolean): void {
    this.webhooks.withDeliveryIds = on;
  }

  setWebhookUrl(url: string): void {
    this.options.webhookUrl = url;
  }

  /** Requests that did not conform to the published OpenAPI. */
  violations(): RecordedRequest[] {
    return this.requests.filter((r) => r.violation);
  }

  // ---- what an agent does in Chatwoot's dashboard ----

  agentReply(conversationId: number, content: string, agentId = 1, isPrivate = false): Message {
    const agent = this.records.agent(agentId);
    return this.records.addMessage(conversationId, {
      content,
      messageType: 1,
      private: isPrivate,
      sourceId: null,
      sender: { id: agent.id, name: agent.name, type: 'user' },
    });
  }

  /**
   * An agent's reply with files, as when sent from the dashboard. A file's `redirectTo` makes its
   * blob link redirect there; its `dataUrl` replaces the webhook's `data_url`.
   */
  agentReplyWithFiles(
    conversationId: number,
    content: string,
    files: { name: string; contentType: string; bytes: Uint8Array; redirectTo?: string; dataUrl?: string }[],
    agentId = 1,
  ): Message {
    const agent = this.records.agent(agentId);
    return this.records.addMessage(conversationId, {
      content,
      messageType: 1,
      private: false,
      sourceId: null,
      sender: { id: agent.id, name: agent.name, type: 'user' },
      attachments: files.map((f) => this.records.file(f)),
    });
  }

  agentTyping(conversationId: number, on: boolean, agentId = 1): void {
    const conversation = this.records.conversation(conversationId);
    const agent = this.records.agent(agentId);
    this.records.emit(on ? 'conversation_typing_on' : 'conversation_typing_off', {
      conversation: this.records.conversationJson(conversation),
      user: { id: agent.id, name: agent.name, type: 'user' },
      is_private: false,
    });
  }

  agentSetStatus(conversationId: number, status: string): void {
    const c = this.records.conversation(conversationId);
    const previous = c.status;
    c.status = status;
    this.records.emitStatus(c, previous);
  }

  agentAssign(conversationId: number, agentId: number | null): void {
    const c = this.records.conversation(conversationId);
    const previous = c.assigneeId;
    c.assigneeId = agentId;
    this.records.emitUpdated(c, { assignee_id: { previous_value: previous, current_value: agentId } });
  }

  /** An agent sets the priority in the dashboard (null: none). */
  agentSetPriority(conversationId: number, priority: string | null): void {
    const c = this.records.conversation(conversationId);
    const previous = c.priority;
    c.priority = priority;
    this.records.emitUpdated(c, { priority: { previous_value: previous, current_value: priority } });
  }

  agentLabel(conversationId: number, labels: string[]): void {
    const c = this.records.conversation(conversationId);
    const previous = c.labels;
    c.labels = labels;
    this.records.emitUpdated(c, { label_list: { previous_value: previous, current_value: labels } });
  }

  /** Posts a raw webhook body (for tests of forged, stale and replayed deliveries). */
  deliver(body: string, headers: Record<string, string>): Promise<number> {
    return this.webhooks.deliver(body, headers);
  }

  /** Headers signing `body` as Chatwoot would. */
  sign(body: string, timestampS?: number, deliveryId?: string): Record<string, string> {
    return this.webhooks.sign(body, timestampS, deliveryId);
  }

  /** Waits until every webhook sent so far has been answered. */
  flushWebhooks(): Promise<void> {
    return this.webhooks.flush();
  }

  // ---- HTTP ----

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (this.outage === 'refuse') {
      req.socket.destroy();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://double');
    const method = req.method ?? 'GET';
    if (method === 'GET' && serveBlob(url.pathname, this.records.files(), res)) {
      this.blobRequests.push(url.pathname);
      return;
    }
    const record: RecordedRequest = { method, path: url.pathname, body: undefined, status: 0 };
    this.requests.push(record);
    const reply = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(body === undefined ? '' : JSON.stringify(body));
    };
    if (this.outage === 'error') return reply(503, { error: 'maintenance' });
    const failure = this.failures.shift();
    if (failure) {
      return reply(
        failure.status,
        { error: 'injected' },
        failure.retryAfter ? { 'retry-after': failure.retryAfter } : {},
      );
    }
    if (req.headers['api_access_token'] !== this.options.apiAccessToken) {
      return reply(401, { errors: ['You need to sign in or sign up before continuing.'] });
    }
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    let form: FormBody | undefined;
    let files: ReceivedFile[] = [];
    if (String(req.headers['content-type'] ?? '').startsWith('multipart/form-data')) {
      try {
        ({ form, files } = await readForm(req.headers, Buffer.concat(chunks)));
      } catch (err) {
        record.violation = `malformed multipart body: ${(err as Error).message}`;
        return reply(400, { error: record.violation });
      }
    } else if (raw) {
      if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
        record.violation = 'body without content-type application/json';
        return reply(415, { error: record.violation });
      }
      try {
        body = JSON.parse(raw);
      } catch {
        record.violation = 'body is not JSON';
        return reply(400, { error: record.violation });
      }
    }
    const checked = this.spec.check(method, url.pathname, url.searchParams, body, form);
    if ('status' in checked) {
      record.body = body ?? form;
      record.violation = checked.message;
      return reply(checked.status, { error: checked.message });
    }
    // A form's fields typed as the spec says (its files by name).
    if (checked.body) body = checked.body;
    record.body = body;
    record.operationId = checked.operation.operationId;
    if (Number(checked.params['account_id']) !== this.options.accountId)
      return reply(404, { error: 'account' });
    try {
      const [status, out] = answerOperation(
        this.records,
        checked.operation.operationId,
        checked.params,
        url.searchParams,
        (body ?? {}) as Json,
        files,
      );
      if (this.losing.delete(checked.operation.operationId)) {
        record.status = status;
        req.socket.destroy(); // done, but the answer never arrives
        return;
      }
      reply(status, out);
    } catch (err) {
      reply((err as { status?: number }).status ?? 500, { error: (err as Error).message });
    }
  }
}
