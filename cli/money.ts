// Shared with the owner app's forms, so both read amounts the same way.
export { decimalToMinor } from "../functions/i18n/decimal-to-minor";
