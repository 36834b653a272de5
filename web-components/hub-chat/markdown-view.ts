// A message body's markdown (../shared/markdown.ts) as Lit templates, and their styles. Every
// piece of the body is bound as text, never as HTML; a link's href is one the parser accepted
// (http, https, mailto) and it opens in a new tab without the opener or a referrer. A chunk of
// its own, imported when the chat first renders (body-format.ts), outside <hub-chat>'s budget.
import { css, html, type TemplateResult } from 'lit';
import { parseMarkdown, type Inline } from '../shared/markdown.js';

/** How a mention of a user or role id is shown (the chat's names and highlight). */
export type MentionView = (id: string) => TemplateResult;

function inline(nodes: Inline[], mention: MentionView): unknown[] {
  return nodes.map((n) => {
    if (typeof n === 'string') return n;
    switch (n.kind) {
      case 'strong':
        return html`<strong>${inline(n.children, mention)}</strong>`;
      case 'em':
        return html`<em>${inline(n.children, mention)}</em>`;
      case 'strike':
        return html`<s>${inline(n.children, mention)}</s>`;
      case 'code':
        return html`<code>${n.text}</code>`;
      case 'mention':
        return mention(n.id);
      case 'link':
        return html`<a href=${n.href} target="_blank" rel="noopener noreferrer nofollow"
          >${inline(n.children, mention)}</a
        >`;
    }
  });
}

/** The body's blocks: paragraphs, quotes and code blocks. */
export function renderMarkdown(body: string, mention: MentionView): TemplateResult {
  return html`${parseMarkdown(body).map((b) =>
    b.kind === 'code'
      ? html`<pre><code>${b.text}</code></pre>`
      : b.kind === 'quote'
        ? html`<blockquote>${inline(b.children, mention)}</blockquote>`
        : html`<p>${inline(b.children, mention)}</p>`,
  )}`;
}

export const markdownStyles = css`
  .text p,
  .text pre,
  .text blockquote {
    margin: 0;
  }
  .text pre,
  .text code {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.9em;
    background: var(--hub-surface-2);
    border-radius: 4px;
  }
  .text code {
    padding: 0 0.2em;
  }
  .text pre {
    padding: 0.4rem 0.6rem;
    margin: 0.2rem 0;
    white-space: pre-wrap;
  }
  .text pre code {
    padding: 0;
    background: none;
  }
  .text blockquote {
    border-left: 3px solid var(--hub-border);
    padding-left: 0.6rem;
    color: var(--hub-muted);
  }
  .text a {
    color: var(--hub-accent);
  }
`;
