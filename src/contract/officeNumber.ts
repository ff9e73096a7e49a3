// The numbers with a check digit live in the core (../core/checkDigits.ts): the 事業所番号 and the 保険者番号,
// beside the form of the 被保険者番号. The store, the engine's input and the claim file share one copy; the
// contract hands them on to the web app and clients.
export {
  officeCheckDigit,
  officeNumberProblem,
  isOfficeNumber,
  withCheckDigit,
  insurerNumberProblem,
  insuredNumberProblem,
  withInsurerCheckDigit,
} from '../core/checkDigits.js';
