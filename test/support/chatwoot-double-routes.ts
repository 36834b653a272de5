// The contract double's answers to the Application API operations Hubbub calls, by the
// operationId of Chatwoot's published OpenAPI (the request was checked against it already): what
// each changes in the records and renders, as Chatwoot's controllers do.
import type { Json } from './chatwoot-double-model.js';
import type { ChatwootRecords } from './chatwoot-double-records.js';
import type { ReceivedFile } from './chatwoot-double-files.js';

/** Messages per page of a conversation's message list, as Chatwoot pages them. */
const MESSAGES_PAGE = 20;

/** The status and body of one operation; an error with `status` is answered with it. */
export function answerOperation(
  records: ChatwootRecords,
  op: string,
  p: Record<string, string>,
  q: URLSearchParams,
  body: Json,
  files: ReceivedFile[] = [],
): [number, unknown] {
  const convId = Number(p['conversation_id']);
  switch (op) {
    case 'contactCreate':
      return [200, records.createContact(body)];
    case 'contactSearch': {
      const term = (q.get('q') ?? '').toLowerCase();
      const found = records.contacts.filter((c) =>
        [c.name, c.identifier ?? '', c.email ?? ''].some((v) => v.toLowerCase().includes(term)),
      );
      return [
        200,
        { meta: { count: found.length, current_page: 1 }, payload: found.map((c) => records.contactJson(c)) },
      ];
    }
    case 'contactDetails':
      return [200, { payload: records.contactJson(records.contact(Number(p['id']))) }];
    case 'contactDelete':
      records.deleteContact(Number(p['id']));
      return [200, {}];
    case 'newConversation':
      return [200, records.createConversation(body)];
    case 'conversationList': {
      const status = q.get('status') ?? 'open';
      const labels = [...q.getAll('labels'), ...q.getAll('labels[]')];
      const list = records.conversations.filter(
        (c) =>
          (status === 'all' || c.status === status) &&
          (!q.get('team_id') || c.teamId === Number(q.get('team_id'))) &&
          labels.every((l) => c.labels.includes(l)),
      );
      return [
        200,
        { data: { meta: { all_count: list.length }, payload: list.map((c) => records.conversationJson(c)) } },
      ];
    }
    case 'get-details-of-a-conversation':
      return [200, records.conversationJson(records.conversation(convId))];
    case 'toggle-status-of-a-conversation': {
      const c = records.conversation(convId);
      const previous = c.status;
      c.status = String(body['status']);
      c.snoozedUntil =
        c.status === 'snoozed' && typeof body['snoozed_until'] === 'number' ? body['snoozed_until'] : null;
      if (previous !== c.status) records.emitStatus(c, previous);
      return [200, { meta: {}, payload: { success: true, current_status: c.status, conversation_id: c.id } }];
    }
    case 'toggle-priority-of-a-conversation': {
      const c = records.conversation(convId);
      const previous = c.priority;
      c.priority = body['priority'] === 'none' ? null : String(body['priority']);
      records.emitUpdated(c, { priority: { previous_value: previous, current_value: c.priority } });
      return [200, undefined];
    }
    case 'assign-a-conversation': {
      const c = records.conversation(convId);
      if (typeof body['assignee_id'] === 'number') {
        const agent = records.agent(body['assignee_id']);
        const previous = c.assigneeId;
        c.assigneeId = agent.id;
        records.emitUpdated(c, { assignee_id: { previous_value: previous, current_value: agent.id } });
        return [200, records.agentJson(agent)];
      }
      if (typeof body['team_id'] === 'number') {
        const team = (records.options.teams ?? []).find((t) => t.id === body['team_id']);
        if (!team) throw Object.assign(new Error('team not found'), { status: 404 });
        const previous = c.teamId;
        c.teamId = team.id;
        records.emitUpdated(c, { team_id: { previous_value: previous, current_value: team.id } });
        return [200, { id: team.id, name: team.name }];
      }
      return [200, undefined];
    }
    case 'list-all-labels-of-a-conversation':
      return [200, { payload: records.conversation(convId).labels }];
    case 'conversation-add-labels': {
      const c = records.conversation(convId);
      const previous = c.labels;
      c.labels = [...new Set((body['labels'] as string[]).map(String))];
      records.emitUpdated(c, { label_list: { previous_value: previous, current_value: c.labels } });
      return [200, { payload: c.labels }];
    }
    case 'update-custom-attributes-of-a-conversation': {
      const c = records.conversation(convId);
      c.custom_attributes = { ...c.custom_attributes, ...(body['custom_attributes'] as Json) };
      records.emitUpdated(c, {});
      return [200, { custom_attributes: c.custom_attributes }];
    }
    case 'list-all-messages': {
      // Chatwoot's MessageFinder: the newest MESSAGES_PAGE, or the MESSAGES_PAGE before the
      // message id `before`, oldest first.
      records.conversation(convId);
      const before = q.get('before') === null ? Infinity : Number(q.get('before'));
      const older = records.messages.filter((m) => m.conversationId === convId && m.id < before);
      return [200, { meta: {}, payload: older.slice(-MESSAGES_PAGE).map((m) => records.messageJson(m)) }];
    }
    case 'create-a-new-message-in-a-conversation': {
      const c = records.conversation(convId);
      const contact = records.contact(c.contactId);
      const incoming = body['message_type'] === 'incoming';
      const m = records.addMessage(convId, {
        content: typeof body['content'] === 'string' ? body['content'] : '',
        attachments: files.filter((f) => f.field === 'attachments[]').map((f) => records.file(f)),
        messageType: incoming ? 0 : 1,
        private: body['private'] === true,
        sourceId:
          typeof body['source_id'] === 'string'
            ? body['source_id']
            : typeof body['echo_id'] === 'string'
              ? body['echo_id']
              : null,
        sender: incoming ? { id: contact.id, name: contact.name, type: 'contact' } : records.tokenUser(),
      });
      // As Chatwoot does: the contact writing in a resolved or snoozed conversation reopens it.
      if (incoming && (c.status === 'resolved' || c.status === 'snoozed')) {
        const previous = c.status;
        c.status = 'open';
        c.snoozedUntil = null;
        records.emitStatus(c, previous);
      }
      return [200, records.messageJson(m)];
    }
    case 'listAllInboxes':
      return [
        200,
        { payload: [{ id: records.options.inboxId, name: 'Support', channel_type: 'Channel::Api' }] },
      ];
    case 'get-account-agents':
      return [200, (records.options.agents ?? []).map((a) => records.agentJson(a))];
    case 'list-all-teams':
      return [
        200,
        (records.options.teams ?? []).map((t) => ({ id: t.id, name: t.name, allow_auto_assign: false })),
      ];
    case 'get-team-members': {
      const team = (records.options.teams ?? []).find((t) => t.id === Number(p['team_id']));
      if (!team) throw Object.assign(new Error('team not found'), { status: 404 });
      return [200, team.members.map((id) => records.agentJson(records.agent(id)))];
    }
    case 'get-account-canned-response':
      return [200, [{ id: 1, short_code: 'hello', content: 'Hello! How can we help?' }]];
    default:
      throw Object.assign(new Error(`${op} is not implemented by the double`), { status: 501 });
  }
}
