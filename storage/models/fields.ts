// Field definitions shared by the community models: the shapes of ids and numbers that several
// collections store, so each is validated the same way wherever it lands.

/** A marketplace user id, as the marketplace's JWT carries it; Hubbub does not own users. */
export const USER_ID = /^[A-Za-z0-9_-]{1,64}$/;

export const userIdField = { type: String, required: true, match: USER_ID } as const;

/** A permission bitfield: a non-negative integer below 2^31 (bit meanings live in the domain). */
export const isPermissionBits = (value: number): boolean =>
  Number.isInteger(value) && value >= 0 && value < 2 ** 31;

export const permissionsField = {
  type: Number,
  required: true,
  default: 0,
  validate: { validator: isPermissionBits, message: 'permissions must be an integer in [0, 2^31)' },
} as const;
