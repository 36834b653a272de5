// <hub-chat>'s rarely used parts, one chunk loaded on first use (../side-parts-loader.ts): the
// thread panel, the member list, the delete and report dialogs, and their styles.
export { renderThreadPanel } from './thread-panel.js';
export { renderMembers } from './member-list.js';
export { renderDialog } from './dialog-view.js';
export { sidePartStyles } from './side-parts.styles.js';
