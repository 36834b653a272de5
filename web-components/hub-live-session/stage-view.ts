// The stage of <hub-live-session>: a grid of the hosts' and speakers' tiles (camera video, or
// their initial; their microphone's audio; who is speaking now), each with the host's controls,
// and the member's own controls below it (microphone, camera, hand, step down, leave).
import { html, nothing, type TemplateResult } from 'lit';
import type { Tile } from './room-controller.js';
import { attachTrack } from './track-directive.js';
import type { LiveView } from './view-context.js';

/** Whether a participant belongs on the stage: a host or a speaker, by the hub's stage state. */
export function onStage(view: Pick<LiveView, 'snapshot'>, tile: Tile): boolean {
  const { hosts, speakers } = view.snapshot.stage;
  return (
    hosts.includes(tile.identity) ||
    speakers.includes(tile.identity) ||
    tile.role === 'host' ||
    tile.role === 'speaker'
  );
}

function hostControls(view: LiveView, tile: Tile): TemplateResult | typeof nothing {
  if (!view.host || tile.local) return nothing;
  const { i18n, api } = view;
  const isHost = view.snapshot.stage.hosts.includes(tile.identity) || tile.role === 'host';
  return html`<div class="tile-actions" part="host-controls">
    ${
      tile.micSid && !tile.micMuted
        ? html`<button
            type="button"
            @click=${() => {
              const sid = tile.micSid;
              if (sid)
                void view.act(
                  () => api.mute(tile.identity, sid, true).then(() => undefined),
                  i18n.t('live.muted', { name: tile.name }),
                );
            }}
            aria-label=${i18n.t('live.muteName', { name: tile.name })}
          >
            ${i18n.t('live.mute')}
          </button>`
        : nothing
    }
    ${
      isHost
        ? nothing
        : html`<button
              type="button"
              @click=${() =>
                void view.act(
                  () => api.stepDown(tile.identity).then(() => undefined),
                  i18n.t('live.movedToAudience', { name: tile.name }),
                )}
              aria-label=${i18n.t('live.toAudienceName', { name: tile.name })}
            >
              ${i18n.t('live.toAudience')}
            </button>
            <button
              type="button"
              class="danger"
              @click=${() => {
                if (!view.confirm(i18n.t('live.confirmRemove', { name: tile.name }))) return;
                void view.act(
                  () => api.remove(tile.identity).then(() => undefined),
                  i18n.t('live.removed', { name: tile.name }),
                );
              }}
              aria-label=${i18n.t('live.removeName', { name: tile.name })}
            >
              ${i18n.t('live.remove')}
            </button>`
    }
  </div>`;
}

function renderScreen(view: LiveView, tile: Tile): TemplateResult {
  const label = view.i18n.t('live.screenOf', { name: tile.name });
  return html`<li class="tile screen" part="tile screen" data-screen=${tile.identity} aria-label=${label}>
    <video ${attachTrack(tile.video)} autoplay playsinline muted aria-label=${label}></video>
    <div class="tile-name"><span>${label}</span></div>
  </li>`;
}

function renderTile(view: LiveView, tile: Tile): TemplateResult {
  const { i18n } = view;
  if (tile.screen) return renderScreen(view, tile);
  const status = [
    tile.speaking ? i18n.t('live.speaking') : '',
    tile.micMuted ? i18n.t('live.micOff') : '',
    tile.local ? i18n.t('live.you') : '',
  ]
    .filter(Boolean)
    .join(', ');
  return html`<li
    class="tile ${tile.speaking ? 'speaking' : ''}"
    part="tile${tile.speaking ? ' tile-speaking' : ''}"
    data-identity=${tile.identity}
    aria-label=${status ? `${tile.name} (${status})` : tile.name}
  >
    ${
      tile.video
        ? html`<video
            ${attachTrack(tile.video)}
            autoplay
            playsinline
            muted
            aria-label=${i18n.t('live.videoOf', { name: tile.name })}
          ></video>`
        : html`<div class="avatar" aria-hidden="true">${tile.name.slice(0, 1).toUpperCase()}</div>`
    }
    ${tile.audio ? html`<audio ${attachTrack(tile.audio)} autoplay></audio>` : nothing}
    <div class="tile-name">
      <span>${tile.name}</span>
      ${tile.speaking ? html`<span class="badge speaking-badge">${i18n.t('live.speaking')}</span>` : nothing}
      ${tile.micMuted ? html`<span class="badge">${i18n.t('live.micOff')}</span>` : nothing}
    </div>
    ${hostControls(view, tile)}
  </li>`;
}

export function renderStage(view: LiveView): TemplateResult {
  const { i18n } = view;
  const tiles = view.tiles.filter((t) => onStage(view, t));
  return html`<section class="stage" part="stage" aria-labelledby="stage-title">
    <h3 id="stage-title">${i18n.t('live.stage')}</h3>
    ${
      tiles.length
        ? html`<ul class="grid" role="list">
            ${tiles.map((t) => renderTile(view, t))}
          </ul>`
        : html`<p class="muted">${i18n.t('live.stageEmpty')}</p>`
    }
  </section>`;
}

/** While publishing: move the microphone or camera to another device. */
function renderDeviceSwitch(view: LiveView): TemplateResult {
  const { i18n, devices, room } = view;
  const select = (
    kind: 'audioinput' | 'videoinput',
    items: MediaDeviceInfo[],
    chosen: string | undefined,
  ) => {
    const label = kind === 'audioinput' ? i18n.t('live.microphone') : i18n.t('live.camera');
    return html`<label class="device"
      >${label}
      <select
        ?disabled=${items.length < 2}
        @change=${(e: Event) => {
          const id = (e.target as HTMLSelectElement).value;
          devices.choose(kind, id);
          void view.act(() => room.switchDevice(kind, id).then(() => undefined));
        }}
      >
        ${items.map(
          (d, i) =>
            html`<option value=${d.deviceId} ?selected=${d.deviceId === chosen}>
              ${d.label || `${label} ${i + 1}`}
            </option>`,
        )}
      </select></label
    >`;
  };
  return html`<details class="device-switch" part="device-switch">
    <summary>${i18n.t('live.devices')}</summary>
    ${select('audioinput', devices.microphones, devices.audioDeviceId)}
    ${select('videoinput', devices.cameras, devices.videoDeviceId)}
  </details>`;
}

/** The member's own controls: what their role allows. */
export function renderControls(view: LiveView): TemplateResult {
  const { i18n, api, room, me } = view;
  const raised = view.snapshot.stage.hands.some((h) => h.userId === me);
  const speaker = view.role === 'speaker' || view.snapshot.stage.speakers.includes(me);
  return html`<div class="controls" part="controls" role="toolbar" aria-label=${i18n.t('live.yourControls')}>
    ${
      room.canPublish
        ? html`<button
              type="button"
              part="mic-toggle"
              @click=${() => void view.act(() => room.setMicrophone(!room.micOn).then(() => undefined))}
            >
              ${room.micOn ? i18n.t('live.micTurnOff') : i18n.t('live.micTurnOn')}
            </button>
            <button
              type="button"
              part="camera-toggle"
              @click=${() => void view.act(() => room.setCamera(!room.cameraOn).then(() => undefined))}
            >
              ${room.cameraOn ? i18n.t('live.cameraTurnOff') : i18n.t('live.cameraTurnOn')}
            </button>
            ${renderDeviceSwitch(view)}
            ${
              view.role === 'host'
                ? html`<button
                    type="button"
                    part="screen-toggle"
                    @click=${() => void view.act(() => room.setScreenShare(!room.screenOn).then(() => undefined))}
                  >
                    ${room.screenOn ? i18n.t('live.screenStop') : i18n.t('live.screenStart')}
                  </button>`
                : nothing
            }`
        : nothing
    }
    ${
      view.role === 'audience' && !speaker
        ? html`<button
            type="button"
            part="hand-toggle"
            @click=${async () => {
              const ok = await view.act(
                async () => {
                  if (raised) await api.lowerHand(me);
                  else await api.raiseHand();
                  return { kind: 'stage', stage: await api.stage() };
                },
                raised ? i18n.t('live.handLowered') : i18n.t('live.handRaised'),
              );
              if (ok) view.notify('hub-live-hand-changed', { raised: !raised });
            }}
          >
            ${raised ? i18n.t('live.lowerHand') : i18n.t('live.raiseHand')}
          </button>`
        : nothing
    }
    ${
      speaker && !view.host
        ? html`<button
            type="button"
            @click=${() => void view.act(() => api.stepDown(me).then(() => undefined), i18n.t('live.steppedDown'))}
          >
            ${i18n.t('live.stepDown')}
          </button>`
        : nothing
    }
    ${
      room.audioBlocked
        ? html`<button type="button" class="primary" @click=${() => void room.startAudio()}>
            ${i18n.t('live.startAudio')}
          </button>`
        : nothing
    }
    <span class="spacer"></span>
    <button type="button" @click=${() => view.leave()}>${i18n.t('live.leave')}</button>
    ${
      view.host
        ? html`<button type="button" class="danger" @click=${() => view.end()}>${i18n.t('live.end')}</button>`
        : nothing
    }
  </div>`;
}
