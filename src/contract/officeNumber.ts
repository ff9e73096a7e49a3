// The 事業所番号 check digit lives in the core (../core/checkDigits.ts), beside the 保険者番号's: the store,
// the engine's input and the claim file share one copy; the contract hands it on to the web app and clients.
export {
  officeCheckDigit,
  officeNumberProblem,
  isOfficeNumber,
  withCheckDigit,
} from '../core/checkDigits.js';
