// Drag and drop of files onto <hub-chat>'s channel or its thread panel: while files are dragged
// over one, an overlay says "Drop to attach"; a drop hands them to that place's composer, which
// uploads them as its attach button does (parts/composer.ts addFiles). Only a drag that carries
// files, and only where the composer may attach; keyboard users attach with the + button.
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { I18n } from '../shared/i18n/i18n.js';

type Area = 'main' | 'thread';

export class DropZone {
  /** The place files are dragged over. */
  private over: Area | undefined;

  constructor(private readonly host: ReactiveControllerHost) {}

  /** The channel or thread panel an event happened in, and its composer if it may attach. */
  private target(
    e: DragEvent,
  ): { area: Area; composer: HTMLElementTagNameMap['hub-chat-composer'] } | undefined {
    const place = (e.target as Element).closest?.('.main, .thread');
    const composer = place?.querySelector('hub-chat-composer');
    if (!place || !composer?.canAttach) return undefined;
    return { area: place.classList.contains('main') ? 'main' : 'thread', composer };
  }

  private show(area: Area | undefined): void {
    if (this.over === area) return;
    this.over = area;
    this.host.requestUpdate();
  }

  /** dragenter and dragover: files over a place that takes them are welcome there. */
  readonly dragover = (e: DragEvent): void => {
    const target = this.target(e);
    if (!target || !e.dataTransfer?.types.includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    this.show(target.area);
  };

  /** Leaving for somewhere outside the place (or the page). */
  readonly dragleave = (e: DragEvent): void => {
    const place = (e.target as Element).closest?.('.main, .thread');
    if (place && e.relatedTarget instanceof Node && place.contains(e.relatedTarget)) return;
    this.show(undefined);
  };

  readonly drop = (e: DragEvent): void => {
    this.show(undefined);
    const target = this.target(e);
    if (!target || !e.dataTransfer?.files.length) return;
    e.preventDefault();
    void target.composer.addFiles(e.dataTransfer.files);
  };

  /** The overlay over `area` while files are dragged over it. */
  render(area: Area, i18n: I18n): TemplateResult | typeof nothing {
    return this.over === area
      ? html`<div class="drop-zone" part="drop-zone"><span>${i18n.t('attach.drop')}</span></div>`
      : nothing;
  }
}
