// The support inbox on the wire, shared by the hub and `<hub-inbox>`: the views of a support
// conversation and its messages (REST bodies and live events alike) and the events published on
// `user:<id>` and `support:agents`.

/** A support message's file as its message carries it; links come from the attachments route. */
export interface SupportAttachmentView {
  id: string;
  name: string;
  size: number;
  contentType: string;
  width: number | null;
  height: number | null;
  thumbnail: boolean;
}

export interface SupportMessageView {
  id: string;
  direction: 'member' | 'agent';
  content: string;
  author: { id: string; name: string };
  createdAt: string;
  /** Its files (empty for none). */
  attachments: SupportAttachmentView[];
}

export interface SupportConversationView {
  id: string;
  subject: string;
  status: string;
  priority: string;
  assigneeId: number | null;
  teamId: number | null;
  labels: string[];
  communityId: string | null;
  createdAt: string;
  updatedAt: string;
  firstResponseAt: string | null;
  resolvedAt: string | null;
  breaches: string[];
  /** Due times of the SLA clocks that run (for countdowns); null when a clock does not run. */
  sla: {
    firstResponseDueAt: string | null;
    nextResponseDueAt: string | null;
    resolutionDueAt: string | null;
  };
}

export type SupportEvent =
  | { kind: 'support.message'; conversationId: string; message: SupportMessageView }
  | { kind: 'support.message_updated'; conversationId: string; message: SupportMessageView }
  | { kind: 'support.conversation'; conversation: SupportConversationView }
  | {
      kind: 'support.sla';
      conversationId: string;
      target: string;
      stage: 'warning' | 'breach';
      dueAt: string;
    };
