import { msg, str } from '@lit/localize';
import { LIMITS } from '../contract/limits.ts';

export type QuantityCheck = { ok: true; quantity: number } | { ok: false; message: string };

/**
 * What a customer typed in a quantity field, read as an order line's quantity: a whole number
 * from `min` (1 on an Add, 0 in the order pad, where 0 means none) to the line limit. Anything
 * else answers the words to show next to the field; nothing is rounded or cut silently.
 * `badInput` is the field's own verdict (a number field holding "1e" or "--").
 */
export function checkQuantity(text: string, min: 0 | 1, locale: string | undefined, badInput = false): QuantityCheck {
  const value = text.trim();
  if (badInput || (value !== '' && !/^[+-]?\d+([.,]\d*)?$/.test(value)))
    return { ok: false, message: msg('Enter a whole number, like 12.') };
  if (value === '')
    return min === 0 ? { ok: true, quantity: 0 } : { ok: false, message: msg('Enter a quantity of 1 or more.') };
  const quantity = Number(value.replace(',', '.'));
  if (!Number.isInteger(quantity)) return { ok: false, message: msg('Enter a whole number, like 12.') };
  if (quantity < min)
    return { ok: false, message: min === 0 ? msg('Enter 0 or more.') : msg('Enter a quantity of 1 or more.') };
  if (quantity > LIMITS.maxLineQuantity) {
    const max = new Intl.NumberFormat(locale).format(LIMITS.maxLineQuantity);
    return {
      ok: false,
      message: msg(str`At most ${max} per line.`, { desc: 'The largest quantity one order line can hold' }),
    };
  }
  return { ok: true, quantity };
}
