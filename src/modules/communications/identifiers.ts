/**
 * Checks of the identifiers found on seized phones and SIM cards. A mistyped digit would tie the
 * wrong detainees together, so the check digits are verified, not only the lengths.
 */

/** The Luhn (mod 10) check used by IMEIs and ICCIDs. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Spaces, dashes, dots and slashes as people write them are dropped. */
function compact(value: string): string {
  return value.replace(/[\s\-./]/g, '');
}

/**
 * An IMEI: 15 digits whose last is the Luhn check digit. Returns the compact form or a reason.
 *
 * @example normaliseImei('49-015420-323751-8') // { value: '490154203237518' }
 * @example normaliseImei('490154203237519') // { problem: 'the check digit is wrong' }
 */
export function normaliseImei(value: string): { value: string } | { problem: string } {
  const v = compact(value);
  if (!/^\d{15}$/.test(v)) return { problem: 'an IMEI has 15 digits' };
  if (!luhnValid(v)) return { problem: 'the check digit is wrong' };
  return { value: v };
}

/** An ICCID (the SIM's serial): 19 or 20 digits starting 89, with a Luhn check digit. */
export function normaliseIccid(value: string): { value: string } | { problem: string } {
  const v = compact(value).replace(/F$/i, '');
  if (!/^89\d{17,18}$/.test(v)) return { problem: 'an ICCID has 19 or 20 digits and starts with 89' };
  if (!luhnValid(v)) return { problem: 'the check digit is wrong' };
  return { value: v };
}

/** An IMSI: 14 or 15 digits (country code, network code, subscriber). */
export function normaliseImsi(value: string): { value: string } | { problem: string } {
  const v = compact(value);
  if (!/^\d{14,15}$/.test(v)) return { problem: 'an IMSI has 14 or 15 digits' };
  return { value: v };
}

/**
 * A phone number in international form: `+` and 8 to 15 digits once spaces, dashes and
 * parentheses are dropped; `00` becomes `+`. Numbers without a country code are kept as digits
 * (6 to 15) so that they still match each other.
 *
 * @example normalisePhone('+964 (0)770-123 4567') // { value: '+9647701234567' }
 */
export function normalisePhone(value: string): { value: string } | { problem: string } {
  // "(0)" is the trunk prefix dialled only inside the country: it is not part of the number.
  const v = value
    .replace(/\(0\)/g, '')
    .replace(/[\s\-.()/]/g, '')
    .replace(/^00/, '+');
  if (/^\+\d{8,15}$/.test(v) || /^\d{6,15}$/.test(v)) return { value: v };
  return { problem: 'a phone number has 6 to 15 digits, with an optional leading + or 00' };
}
