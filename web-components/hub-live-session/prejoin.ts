// The pre-join screen of <hub-live-session>: the session's title, status and start time; the
// microphone and camera to use, with a camera preview; what joining means for this member
// (hosts go on stage, everyone else joins the audience without publishing); join, or for a
// host a session not started yet, go live.
import { html, nothing, type TemplateResult } from 'lit';
import type { I18n } from '../shared/i18n/i18n.js';
import type { DeviceController } from './devices.js';
import type { ApiLiveSession } from './live-api.js';
import { attachTrack } from './track-directive.js';

export interface PrejoinContext {
  i18n: I18n;
  session: ApiLiveSession;
  devices: DeviceController;
  publish: { mic: boolean; camera: boolean };
  busy: boolean;
  setPublish(kind: 'mic' | 'camera', on: boolean): void;
  join(): void;
  start(): void;
  setInterest(interested: boolean): void;
  downloadCalendar(): void;
}

/** Before the start: remind me (interest) and add to calendar. */
function renderPlanning(ctx: PrejoinContext): TemplateResult | typeof nothing {
  const { i18n, session } = ctx;
  if (session.status !== 'scheduled') return nothing;
  const interested = Boolean(session.youInterested);
  return html`<div class="planning" part="planning">
    <button
      type="button"
      part="interest"
      aria-pressed=${interested ? 'true' : 'false'}
      ?disabled=${ctx.busy}
      @click=${() => ctx.setInterest(!interested)}
    >
      ${i18n.t('live.remindMe')}
    </button>
    <span class="muted">${i18n.t('live.interested', { count: session.interested ?? 0 })}</span>
    <button type="button" part="calendar" @click=${ctx.downloadCalendar}>
      ${i18n.t('live.addToCalendar')}
    </button>
  </div>`;
}

function deviceSelect(
  ctx: PrejoinContext,
  kind: 'audioinput' | 'videoinput',
  items: MediaDeviceInfo[],
  chosen: string | undefined,
): TemplateResult {
  const { i18n } = ctx;
  const id = kind === 'audioinput' ? 'mic-select' : 'camera-select';
  const label = kind === 'audioinput' ? i18n.t('live.microphone') : i18n.t('live.camera');
  return html`<label for=${id}>${label}</label>
    <select
      id=${id}
      part="device-select"
      ?disabled=${items.length === 0}
      @change=${(e: Event) => ctx.devices.choose(kind, (e.target as HTMLSelectElement).value)}
    >
      ${
        items.length === 0
          ? html`<option value="">${i18n.t('live.noDevice')}</option>`
          : items.map(
              (d, i) =>
                html`<option value=${d.deviceId} ?selected=${d.deviceId === chosen}>
                  ${d.label || `${label} ${i + 1}`}
                </option>`,
            )
      }
    </select>`;
}

export function renderPrejoin(ctx: PrejoinContext): TemplateResult {
  const { i18n, session, devices } = ctx;
  const host = session.youHost;
  const live = session.status === 'live';
  const canJoin = live || (host && session.status === 'scheduled');
  // Not a landmark of its own: the widget's section is already named by the session's title.
  return html`<div class="prejoin" part="prejoin">
    <p class="status-line">
      <span class="status ${session.status}" part="session-status"
        >${i18n.t(`live.status.${session.status}`)}</span
      >
      <span class="muted">${i18n.stamp(Date.parse(session.startsAt))}</span>
    </p>
    ${session.description ? html`<p class="description">${session.description}</p>` : nothing}
    ${renderPlanning(ctx)}
    <p class="role-note">${host ? i18n.t('live.joinAsHost') : i18n.t('live.joinAsAudience')}</p>
    <div class="devices" part="devices">
      ${deviceSelect(ctx, 'audioinput', devices.microphones, devices.audioDeviceId)}
      ${deviceSelect(ctx, 'videoinput', devices.cameras, devices.videoDeviceId)}
      <div class="device-actions">
        ${
          devices.labelled
            ? nothing
            : html`<button type="button" @click=${() => void devices.list(true)}>
                ${i18n.t('live.allowDevices')}
              </button>`
        }
        <button
          type="button"
          ?disabled=${devices.cameras.length === 0}
          @click=${() => (devices.preview ? devices.stopPreview() : void devices.startPreview())}
        >
          ${devices.preview ? i18n.t('live.stopPreview') : i18n.t('live.preview')}
        </button>
      </div>
    </div>
    ${
      devices.preview
        ? html`<video
            class="preview"
            part="preview"
            ${attachTrack(devices.preview)}
            autoplay
            playsinline
            muted
            aria-label=${i18n.t('live.previewLabel')}
          ></video>`
        : nothing
    }
    ${devices.error ? html`<p class="error" role="alert">${devices.error}</p>` : nothing}
    ${
      host
        ? html`<fieldset class="publish">
            <legend>${i18n.t('live.onJoin')}</legend>
            <label class="choice"
              ><input
                type="checkbox"
                .checked=${ctx.publish.mic}
                @change=${(e: Event) => ctx.setPublish('mic', (e.target as HTMLInputElement).checked)}
              />
              ${i18n.t('live.joinWithMic')}</label
            >
            <label class="choice"
              ><input
                type="checkbox"
                .checked=${ctx.publish.camera}
                @change=${(e: Event) => ctx.setPublish('camera', (e.target as HTMLInputElement).checked)}
              />
              ${i18n.t('live.joinWithCamera')}</label
            >
          </fieldset>`
        : nothing
    }
    <div class="join-row">
      ${
        host && session.status === 'scheduled'
          ? html`<button type="button" class="primary" part="join" ?disabled=${ctx.busy} @click=${ctx.start}>
              ${i18n.t('live.goLive')}
            </button>`
          : html`<button
              type="button"
              class="primary"
              part="join"
              ?disabled=${ctx.busy || !canJoin}
              @click=${ctx.join}
            >
              ${i18n.t('live.join')}
            </button>`
      }
      ${!canJoin ? html`<span class="muted">${i18n.t('live.notStarted')}</span>` : nothing}
    </div>
  </div>`;
}
