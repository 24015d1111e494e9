/**
 * An empty array that V8 already keeps as an array of objects. A literal `[]` starts as an array of small
 * integers and changes kind (and map) at its first object; code optimised on the previous file's arrays
 * (of objects) is thrown away at the first push into the next file's new one ("wrong map"), in the second
 * parse of a process. Arrays made once per parse and filled with objects start here.
 */
const PLACEHOLDER = {};

export function objectArray<T extends object>(): T[] {
  const array = [PLACEHOLDER] as unknown as T[];
  array.length = 0; // the kind stays: V8 never changes an array back to a narrower kind
  return array;
}
