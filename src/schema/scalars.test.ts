import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  charCount,
  formatDateValue,
  invalid,
  numberBounds,
  parseBase64,
  parseBigIntText,
  parseBool,
  parseDate,
  parseDatetime,
  parseDecimal,
  parseInt64Text,
  parseIntegerText,
  parseNumberText,
  parseTime,
  stringBounds,
  toBase64,
  unknownAttributes,
} from './scalars.ts';
import { t } from './types.ts';

describe('scalars', () => {
  test('invalid() is the WSME InvalidInput message; long values are shortened', () => {
    assert.equal(invalid('id', 'abc', 'unable to convert to int').message, "Invalid input for field/attribute id. Value: 'abc'. unable to convert to int");
    assert.equal(invalid('b', new Uint8Array(3), 'r').message, "Invalid input for field/attribute b. Value: '<3 bytes>'. r");
    assert.equal(invalid('n', 5n, 'r').message, "Invalid input for field/attribute n. Value: '5'. r");
    const long = invalid('s', 'x'.repeat(200), 'r').message;
    assert.equal(long, `Invalid input for field/attribute s. Value: '${'x'.repeat(63)}…'. r`);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    assert.equal(invalid('c', cyclic, 'r').message, "Invalid input for field/attribute c. Value: '{…}'. r");
    let deep: unknown[] = [];
    for (let i = 0; i < 20_000; i++) deep = [deep];
    assert.equal(invalid('d', deep, 'r').message, "Invalid input for field/attribute d. Value: '[…]'. r");
  });
  test('unknownAttributes() singular and plural', () => {
    assert.equal(unknownAttributes('p', ['x']).message, 'Unknown attribute for argument p: x');
    assert.equal(unknownAttributes('p.inner', ['x', 'y']).message, 'Unknown attributes for argument p.inner: x, y');
  });
  test('dates: real days only, leap years', () => {
    assert.equal(parseDate('2023-12-31'), '2023-12-31');
    assert.equal(parseDate('2024-02-29'), '2024-02-29');
    assert.equal(parseDate('2000-02-29'), '2000-02-29');
    for (const bad of [
      '2023-02-29',
      '1900-02-29',
      '2023-02-30',
      '2023-04-31',
      '2023-13-01',
      '2023-00-01',
      '2023-01-32',
      '23-01-01',
      ' 2023-01-01',
      '2023/01/01',
    ]) {
      assert.equal(parseDate(bad), undefined, bad);
    }
  });
  test('times', () => {
    assert.equal(parseTime('00:00:00'), '00:00:00');
    assert.equal(parseTime('23:59:60'), '23:59:60');
    assert.equal(parseTime('10:00:00.123456'), '10:00:00.123456');
    for (const bad of ['24:00:00', '10:60:00', '10:00:61', '10:00', '10:00:00.', 'T10:00:00']) assert.equal(parseTime(bad), undefined, bad);
  });
  test('datetimes: offset kept, separator and Z normalised', () => {
    assert.equal(parseDatetime('2023-01-02T03:04:05'), '2023-01-02T03:04:05');
    assert.equal(parseDatetime('2023-01-02t03:04:05z'), '2023-01-02T03:04:05Z');
    assert.equal(parseDatetime('2023-01-02 03:04:05.5+01:00'), '2023-01-02T03:04:05.5+01:00');
    assert.equal(parseDatetime('2023-01-02T03:04:05-23:59'), '2023-01-02T03:04:05-23:59');
    for (const bad of ['2023-01-02T03:04:05+24:00', '2023-01-02T03:04:05+01:60', '2023-01-02T03:04', '2023-02-30T00:00:00', '2023-01-02T03:04:05+0100']) {
      assert.equal(parseDatetime(bad), undefined, bad);
    }
  });
  test('decimals', () => {
    assert.equal(parseDecimal('+12.50'), '12.50');
    assert.equal(parseDecimal('.5'), '.5');
    assert.equal(parseDecimal('5.'), '5.');
    assert.equal(parseDecimal('-1e-7'), '-1e-7');
    for (const bad of ['', '.', '+', '1e', 'e1', '1_000', ' 1', 'NaN']) assert.equal(parseDecimal(bad), undefined, bad);
  });
  test('base64, standard and URL alphabets, whitespace ignored', () => {
    assert.deepEqual(parseBase64('3q2+7w=='), new Uint8Array([0xde, 0xad, 0xbe, 0xef]));
    assert.deepEqual(parseBase64('3q2-7w'), new Uint8Array([0xde, 0xad, 0xbe, 0xef]));
    assert.deepEqual(parseBase64('3q2+\n7w=='), new Uint8Array([0xde, 0xad, 0xbe, 0xef]));
    assert.equal(Object.getPrototypeOf(parseBase64('AA==')), Uint8Array.prototype);
    for (const bad of ['A', '3q2+7w=', '3q2+7w===', '@@@@', '3q2+-w==']) assert.equal(parseBase64(bad), undefined, bad);
    assert.equal(toBase64(new Uint8Array([0xde, 0xad, 0xbe, 0xef])), '3q2+7w==');
    assert.equal(toBase64(new Uint8Array()), '');
  });
  test('booleans', () => {
    assert.equal(parseBool('On'), true);
    assert.equal(parseBool('NO'), false);
    assert.equal(parseBool('2'), undefined);
    assert.equal(parseBool(''), undefined);
  });
  test('integer and number text', () => {
    assert.equal(parseIntegerText('-12'), -12);
    assert.equal(parseIntegerText('9007199254740991'), 9007199254740991);
    assert.equal(parseIntegerText('9007199254740992'), undefined);
    assert.equal(parseIntegerText('1.0'), undefined);
    // The hand-read digits agree with the general path at every length and edge.
    for (const [text, value] of [
      ['0', 0],
      ['007', 7],
      ['1', 1],
      ['+5', 5],
      ['123456789012345', 123456789012345],
      ['999999999999999', 999999999999999],
      ['', undefined],
      ['1a', undefined],
      ['a1', undefined],
      ['1 ', undefined],
      ['١٢', undefined],
      ['-', undefined],
      ['/', undefined],
      [':', undefined],
    ] as const) {
      assert.equal(parseIntegerText(text), value, text);
    }
    assert.equal(parseNumberText('1.5e-3'), 0.0015);
    assert.equal(parseNumberText('0x1'), undefined);
    assert.equal(parseNumberText('1e999'), undefined);
    assert.equal(parseBigIntText('-99999999999999999999999'), -99999999999999999999999n);
    assert.equal(parseInt64Text('9223372036854775807'), 9223372036854775807n);
    assert.equal(parseInt64Text('9223372036854775808'), undefined);
    assert.equal(parseInt64Text('-9223372036854775809'), undefined);
  });
  test('bounds', () => {
    assert.equal(numberBounds(t.integer({ minimum: 0 }), -1), 'Value should be greater or equal to 0');
    assert.equal(numberBounds(t.int64({ maximum: 5n }), 6n), 'Value should be lower or equal to 5');
    assert.equal(numberBounds(t.integer(), 6), undefined);
    assert.equal(stringBounds({ minLength: 1 }, ''), 'Value should have a minimum character requirement of 1');
    assert.equal(stringBounds({ pattern: /^(?:a+)$/u }, 'b'), 'Value should match the pattern a+');
    assert.equal(charCount('a😀é'), 3);
  });
  test('formatDateValue', () => {
    const d = new Date(Date.UTC(2020, 1, 29, 23, 59, 59, 5));
    assert.equal(formatDateValue(d, 'date'), '2020-02-29');
    assert.equal(formatDateValue(d, 'datetime'), '2020-02-29T23:59:59.005Z');
  });
});
