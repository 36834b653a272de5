// The parts of <hub-chat>'s support view, exported by <hub-chat> (`hub-chat::part(support-message)`);
// apart from the view itself, which loads on first use.

export const SUPPORT_PARTS = [
  'support-header',
  'support-status',
  'support-list',
  'support-item',
  'support-start',
  'support-messages',
  'support-message',
  'support-member',
  'support-agent',
  'support-typing',
  'support-composer',
  'support-input',
  'support-send',
  'support-resolved',
].join(', ');
