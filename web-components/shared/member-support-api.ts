// The support inbox's REST calls for a member (tag `support` in docs/openapi.json), over the
// widgets' HubApi: their own conversations, one with its messages (never private notes: the hub
// leaves them out for members), starting one and writing in one (with the ids of files uploaded
// through support-files.ts's routes), reopening a resolved one.
import type { SupportConversationView, SupportMessageView } from '../../protocol/index.js';
import type { HubApi } from './api.js';

export interface StartSupport {
  subject: string;
  /** May be empty when `attachments` are given. */
  message: string;
  /** Ids of the member's uploads for a new conversation (support-files.ts's supportNewUploadPath). */
  attachments?: string[];
  /** The community the member writes from, for the agents' context. */
  communityId?: string;
  /** The member's language (routing may send it to a `lang-<code>` team). */
  language?: string;
}

export class MemberSupportApi {
  constructor(private readonly api: HubApi) {}

  /** The member's conversations, most recently updated first. */
  mine(): Promise<SupportConversationView[]> {
    return this.api
      .request<{ items: SupportConversationView[] }>('GET', '/support/conversations?status=all')
      .then((r) => r.items);
  }

  conversation(
    id: string,
  ): Promise<{ conversation: SupportConversationView; messages: SupportMessageView[] }> {
    return this.api.request('GET', `/support/conversations/${encodeURIComponent(id)}`);
  }

  start(
    input: StartSupport,
  ): Promise<{ conversation: SupportConversationView; message: SupportMessageView }> {
    return this.api.request('POST', '/support/conversations', input);
  }

  /** `attachments`: ids of the member's uploads to this conversation (the text may then be empty). */
  write(id: string, content: string, attachments: string[] = []): Promise<SupportMessageView> {
    return this.api.request('POST', `/support/conversations/${encodeURIComponent(id)}/messages`, {
      content,
      ...(attachments.length ? { attachments } : {}),
    });
  }

  reopen(id: string): Promise<SupportConversationView> {
    return this.api.request('POST', `/support/conversations/${encodeURIComponent(id)}/reopen`);
  }
}
